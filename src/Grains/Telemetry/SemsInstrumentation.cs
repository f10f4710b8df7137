using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Sems.Contracts;

namespace Sems.Grains.Telemetry;

/// <summary>
/// The grains' metrics and traces: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/> with the assembly's version. Metrics carry the tag <c>district</c> (never a subsystem or asset id,
/// so a series count does not grow with the district's size); spans carry <c>sems.district</c>, <c>sems.subsystem</c> and
/// <c>sems.cycle</c>. Register one per silo with <see cref="SemsInstrumentationExtensions.AddSemsInstrumentation"/> (the
/// meter then comes from the host's <see cref="IMeterFactory"/>); grains of a silo that registered none use
/// <see cref="Shared"/>.
/// </summary>
public sealed class SemsInstrumentation : IDisposable
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Sems";

    /// <summary>Solve kind of a subsystem's plan for a cycle.</summary>
    public const string PlanKind = "plan";

    /// <summary>Solve kind of a re-solve under limits the coordinator tightened.</summary>
    public const string ResolveKind = "resolve";

    /// <summary>Solve kind of a flexibility computation.</summary>
    public const string FlexKind = "flex";

    /// <summary>The name of the span of one coordination cycle (in the coordinator).</summary>
    public const string CycleActivity = "sems.cycle";

    /// <summary>The name of the span of one engine solve (in the subsystem grain).</summary>
    public const string SolveActivity = "sems.solve";

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly double[] LagBuckets = [0, 1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
    private static readonly double[] KwhBuckets = [0, 0.1, 0.5, 1, 5, 10, 50, 100, 500, 1000, 5000, 10000];
    private static readonly int[] RoundBuckets = [0, 1, 2, 3, 4, 5, 10, 20, 50, 100];

    private static readonly Lazy<SemsInstrumentation> SharedInstance = new(() => new SemsInstrumentation(new Meter(Options()), ownsMeter: true));

    private readonly bool _ownsMeter;
    private readonly Histogram<double> _solveDuration;
    private readonly Histogram<int> _cycleRounds;
    private readonly Counter<long> _cycleResolves;
    private readonly Histogram<double> _cycleViolation;
    private readonly Histogram<double> _cycleDuration;
    private readonly Histogram<double> _cycleLag;
    private readonly Counter<long> _cycleMissed;
    private readonly Counter<long> _telemetryRejected;
    private readonly Counter<long> _telemetryAccepted;
    private readonly Counter<long> _setpointsCommitted;

    /// <summary>The instrumentation of a host: the meter is created through (and disposed with) <paramref name="meterFactory"/>.</summary>
    public SemsInstrumentation(IMeterFactory meterFactory)
        : this((meterFactory ?? throw new ArgumentNullException(nameof(meterFactory))).Create(Options()), ownsMeter: false)
    {
    }

    private SemsInstrumentation(Meter meter, bool ownsMeter)
    {
        Meter = meter;
        _ownsMeter = ownsMeter;
        ActivitySource = new ActivitySource(Name, Version);
        _solveDuration = meter.CreateHistogram("sems.solve.duration", "s",
            "Wall time of one engine solve of a subsystem's MPC problem, from its request for a slot of the silo's solver pool (tags kind = plan, resolve or flex, and status)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _cycleRounds = meter.CreateHistogram("sems.cycle.rounds", "{round}",
            "Rounds of Algorithm 1 in one coordination cycle", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = RoundBuckets });
        _cycleResolves = meter.CreateCounter<long>("sems.cycle.resolves", "{re-solve}",
            "Re-solves under tightened limits that the coordinator asked for");
        _cycleViolation = meter.CreateHistogram("sems.cycle.violation", "kWh",
            "Energy above the district limit left after coordination, per cycle and resource (tag resource)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = KwhBuckets });
        _cycleDuration = meter.CreateHistogram("sems.cycle.duration", "s",
            "Wall time of one coordination cycle: plans, Algorithm 1 with its re-solves, commits",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _cycleLag = meter.CreateHistogram("sems.cycle.lag", "s",
            "How late a cycle started after the start of its step, on the SEMS clock (0 when on time or early)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        _cycleMissed = meter.CreateCounter<long>("sems.cycle.missed", "{cycle}",
            "Cycles that could not run (downtime, slow cycles) and were reported as missed, never replayed");
        _telemetryRejected = meter.CreateCounter<long>("sems.telemetry.rejected", "{measurement}",
            "Measurements an asset grain rejected (tag reason: the receipt's category, e.g. stale, future, out-of-range, not-finite, wrong-unit, unconfigured)");
        _telemetryAccepted = meter.CreateCounter<long>("sems.telemetry.accepted", "{measurement}",
            "Measurements an asset grain accepted and stored");
        _setpointsCommitted = meter.CreateCounter<long>("sems.setpoints.committed", "{set-point}",
            "Asset set-points committed from step 0 of a plan (fallbacks that keep the last set-point are not counted)");
    }

    /// <summary>The version of the meter and the activity source: the grains assembly's informational version without build metadata.</summary>
    public static string Version { get; } = AssemblyVersion();

    /// <summary>The instrumentation of a silo whose host registered none (its meter is not created through a factory).</summary>
    public static SemsInstrumentation Shared => SharedInstance.Value;

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; }

    /// <summary>The host's registered instrumentation, else <see cref="Shared"/>.</summary>
    public static SemsInstrumentation From(IServiceProvider? services) => services?.GetService<SemsInstrumentation>() ?? Shared;

    /// <summary>Starts the span of one coordination cycle of <paramref name="district"/> (null when nothing listens).</summary>
    public Activity? StartCycle(string district)
    {
        var activity = ActivitySource.StartActivity(CycleActivity, ActivityKind.Internal);
        activity?.SetTag("sems.district", district);
        return activity;
    }

    /// <summary>
    /// A cycle knows its number: records how late it started after its step's start (<paramref name="lag"/>, SEMS time;
    /// negative counts as 0) and the cycles missed before it, and tags the cycle's span.
    /// </summary>
    public void CycleStarted(Activity? activity, string district, int cycle, TimeSpan lag, int missed, string version)
    {
        var tags = District(district);
        _cycleLag.Record(Math.Max(0, lag.TotalSeconds), tags);
        if (missed > 0) _cycleMissed.Add(missed, tags);
        if (activity is null) return;
        activity.SetTag("sems.cycle", cycle);
        activity.SetTag("sems.definition_version", version);
        activity.SetTag("sems.cycle.lag_s", Math.Max(0, lag.TotalSeconds));
        activity.SetTag("sems.cycle.missed", missed);
    }

    /// <summary>Records a completed cycle from its report: rounds, re-solves, violation after coordination per resource, wall time, set-points.</summary>
    public void CycleCompleted(Activity? activity, CoordinationCycleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tags = District(report.DistrictId);
        _cycleRounds.Record(report.Rounds, tags);
        if (report.Resolves > 0) _cycleResolves.Add(report.Resolves, tags);
        foreach (var (resource, kwh) in report.ViolationAfterKwh)
            _cycleViolation.Record(kwh, new KeyValuePair<string, object?>("district", report.DistrictId), new KeyValuePair<string, object?>("resource", resource));
        _cycleDuration.Record(report.WallMs / 1000.0, tags);
        if (report.SetpointsCommitted > 0) _setpointsCommitted.Add(report.SetpointsCommitted, tags);
        if (activity is null) return;
        activity.SetTag("sems.cycle.rounds", report.Rounds);
        activity.SetTag("sems.cycle.resolves", report.Resolves);
        activity.SetTag("sems.cycle.violation_before_kwh", report.ViolationBeforeKwh.Values.Sum());
        activity.SetTag("sems.cycle.violation_after_kwh", report.ViolationAfterKwh.Values.Sum());
        activity.SetTag("sems.setpoints.committed", report.SetpointsCommitted);
        var failed = report.Subsystems.Where(s => s.Outcome is "failed" or "timedOut").Select(s => s.SubsystemId).ToArray();
        if (failed.Length > 0) activity.SetTag("sems.cycle.failed_subsystems", string.Join(",", failed));
        activity.SetStatus(ActivityStatusCode.Ok);
    }

    /// <summary>
    /// Starts the span of a subsystem's plan or re-solve call (<paramref name="kind"/> plan or resolve) in the subsystem
    /// grain, keyed "district/subsystem" in parts. Under Orleans' activity propagation its parent is the coordinator's cycle.
    /// </summary>
    public Activity? StartSubsystemCall(string kind, (string District, string Subsystem) key, int cycle)
    {
        var activity = ActivitySource.StartActivity($"sems.{kind}", ActivityKind.Internal);
        if (activity is null) return null;
        activity.SetTag("sems.district", key.District);
        activity.SetTag("sems.subsystem", key.Subsystem);
        activity.SetTag("sems.cycle", cycle);
        return activity;
    }

    /// <summary>
    /// Starts timing one engine solve and its span (wall time from the request for a solver slot: a busy pool shows as a
    /// longer solve); <see cref="SolveScope.Complete"/> records it with the solve's status.
    /// </summary>
    public SolveScope StartSolve(string kind, (string District, string Subsystem) key, int cycle)
    {
        var activity = ActivitySource.StartActivity(SolveActivity, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("sems.kind", kind);
            activity.SetTag("sems.district", key.District);
            activity.SetTag("sems.subsystem", key.Subsystem);
            activity.SetTag("sems.cycle", cycle);
        }

        return new SolveScope(this, activity, kind, key.District);
    }

    /// <summary>Counts a measurement an asset grain of <paramref name="district"/> checked: accepted, or rejected by the receipt's category.</summary>
    public void MeasurementChecked(string district, MeasurementReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.Accepted) _telemetryAccepted.Add(1, District(district));
        else _telemetryRejected.Add(1, new KeyValuePair<string, object?>("district", district), new KeyValuePair<string, object?>("reason", receipt.Category ?? "unknown"));
    }

    internal void RecordSolve(string kind, string district, string status, TimeSpan elapsed) =>
        _solveDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("district", district),
            new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("status", status));

    public void Dispose()
    {
        ActivitySource.Dispose();
        if (_ownsMeter) Meter.Dispose();
    }

    private static KeyValuePair<string, object?> District(string district) => new("district", district);

    private static MeterOptions Options() => new(Name) { Version = Version };

    private static string AssemblyVersion()
    {
        var assembly = typeof(SemsInstrumentation).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is { Length: > 0 }) return informational.Split('+')[0];
        return assembly.GetName().Version?.ToString() ?? "0.0.0";
    }
}
