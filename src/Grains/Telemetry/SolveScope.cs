using System.Diagnostics;

namespace Sems.Grains.Telemetry;

/// <summary>
/// One engine solve being timed (wall time, <see cref="Stopwatch"/>) with its span. <see cref="Complete"/> records
/// <c>sems.solve.duration</c> with the solve's status and ends the span; disposing a scope that was not completed (the
/// solve threw) records it with status <c>error</c>.
/// </summary>
public sealed class SolveScope : IDisposable
{
    private readonly SemsInstrumentation _owner;
    private readonly string _kind;
    private readonly string _district;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _done;

    internal SolveScope(SemsInstrumentation owner, Activity? activity, string kind, string district)
    {
        _owner = owner;
        Activity = activity;
        _kind = kind;
        _district = district;
    }

    /// <summary>The solve's span; null when nothing listens to the activity source.</summary>
    public Activity? Activity { get; }

    /// <summary>Records the solve with <paramref name="status"/> (optimal, feasible, infeasible, unbounded, error) and ends its span.</summary>
    public void Complete(string status)
    {
        if (_done) return;
        _done = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        _owner.RecordSolve(_kind, _district, status, elapsed);
        if (Activity is null) return;
        Activity.SetTag("sems.status", status);
        // An infeasible plan is an answer, not a fault: only a solve that failed marks its span as an error.
        if (status is "optimal" or "feasible") Activity.SetStatus(ActivityStatusCode.Ok);
        else if (status == "error") Activity.SetStatus(ActivityStatusCode.Error, "the solve failed");
        Activity.Stop();
    }

    public void Dispose() => Complete("error");
}
