using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Sems.Grains.Telemetry;

namespace Sems.Grains.Tests.Telemetry;

/// <summary>One measurement of an instrument of the "Sems" meter, with its tags.</summary>
public sealed record CapturedMeasurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>
/// Every measurement of the "Sems" meter (from any silo of the process) while it lives, through a
/// <see cref="MeterListener"/>. Other tests run at the same time, so readers filter by the district tag.
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<CapturedMeasurement> _measurements = new();

    public MetricCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SemsInstrumentation.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> tagged with <paramref name="district"/>, in the order recorded.</summary>
    public IReadOnlyList<CapturedMeasurement> Of(string instrument, string district) =>
        _measurements.Where(m => m.Instrument == instrument && m.Tags.GetValueOrDefault("district") == district).ToList();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
        _measurements.Enqueue(new CapturedMeasurement(instrument.Name, instrument.Unit, value, copy));
    }
}
