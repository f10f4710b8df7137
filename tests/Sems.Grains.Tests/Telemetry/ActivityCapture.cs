using System.Collections.Concurrent;
using System.Diagnostics;
using Sems.Grains.Telemetry;

namespace Sems.Grains.Tests.Telemetry;

/// <summary>Every activity of the "Sems" and the Orleans sources that stopped while it lives, through an <see cref="ActivityListener"/>.</summary>
public sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SemsInstrumentation.Name || source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => _stopped.ToList();

    /// <summary>
    /// The chain of span ids from <paramref name="activity"/> up to its root among the captured activities of its trace,
    /// followed by parent span id (a parent in another silo or behind a grain call is only known by its id).
    /// </summary>
    public IReadOnlyList<ActivitySpanId> Ancestors(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var bySpan = _stopped.Where(a => a.TraceId == activity.TraceId).GroupBy(a => a.SpanId).ToDictionary(g => g.Key, g => g.First());
        var chain = new List<ActivitySpanId>();
        var parent = activity.ParentSpanId;
        while (parent != default && chain.Count < 100)
        {
            chain.Add(parent);
            parent = bySpan.TryGetValue(parent, out var next) ? next.ParentSpanId : default;
        }

        return chain;
    }

    public void Dispose() => _listener.Dispose();
}
