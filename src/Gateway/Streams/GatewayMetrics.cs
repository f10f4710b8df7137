using System.Diagnostics.Metrics;

namespace Sems.Gateway.Streams;

/// <summary>The gateway's own instruments (meter "Sems.Gateway"): stream subscribers and events sent, by stream.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Sems.Gateway";

    private readonly UpDownCounter<long> _subscribers;
    private readonly Counter<long> _events;
    private readonly Counter<long> _gaps;

    public GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _subscribers = meter.CreateUpDownCounter<long>("sems.gateway.stream.subscribers", "{subscriber}", "Open WatchStatus/WatchSetpoints streams");
        _events = meter.CreateCounter<long>("sems.gateway.stream.events", "{event}", "Events sent on streams");
        _gaps = meter.CreateCounter<long>("sems.gateway.stream.gaps", "{event}", "Events a subscriber missed (reported to it as a gap)");
    }

    public IDisposable Subscribed(string stream)
    {
        _subscribers.Add(1, new KeyValuePair<string, object?>("stream", stream));
        return new Unsubscribe(() => _subscribers.Add(-1, new KeyValuePair<string, object?>("stream", stream)));
    }

    public void Sent(string stream) => _events.Add(1, new KeyValuePair<string, object?>("stream", stream));

    public void Missed(string stream, ulong count) => _gaps.Add((long)count, new KeyValuePair<string, object?>("stream", stream));

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) action();
        }
    }
}
