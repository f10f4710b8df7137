namespace Sems.Contracts;

/// <summary>
/// The record of one coordination cycle: Algorithm 1's rounds and re-solves, excess before/after per resource and step
/// (kW), violation before/after (kWh), each subsystem's outcome, the set-points committed and the wall time. Cycle k is ⌊(now − start)/Δt⌋ on the SEMS clock
/// and plans the horizon starting at start + k·Δt.
/// </summary>
/// <param name="SkippedTicks">Timer ticks that found the previous cycle still running (a slow cycle) and were dropped.</param>
/// <param name="PlanningMs">Wall time of the parallel fan-out of plans.</param>
/// <param name="CoordinationMs">Wall time of Algorithm 1, including its (sequential) re-solves; with <c>coordination.riskLevel</c> also the run without the margin that prices it.</param>
/// <param name="CommitMs">Wall time of committing set-points.</param>
/// <param name="MissedCycles">Cycles between the previous cycle run and this one that could not run (downtime, slow cycles); never replayed.</param>
/// <param name="Version">The definition version the cycle used throughout.</param>
[GenerateSerializer, Immutable, Alias("sems.CoordinationCycleReport")]
public sealed record CoordinationCycleReport(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] int Cycle,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] int StepMinutes,
    [property: Id(4)] string Mode,
    [property: Id(5)] int Rounds,
    [property: Id(6)] int Resolves,
    [property: Id(7)] IReadOnlyDictionary<string, double[]> LimitKw,
    [property: Id(8)] IReadOnlyDictionary<string, double[]> DrawBeforeKw,
    [property: Id(9)] IReadOnlyDictionary<string, double[]> DrawAfterKw,
    [property: Id(10)] IReadOnlyDictionary<string, double[]> ExcessBeforeKw,
    [property: Id(11)] IReadOnlyDictionary<string, double[]> ExcessAfterKw,
    [property: Id(12)] IReadOnlyDictionary<string, double> ViolationBeforeKwh,
    [property: Id(13)] IReadOnlyDictionary<string, double> ViolationAfterKwh,
    [property: Id(14)] SubsystemCycleOutcome[] Subsystems,
    [property: Id(15)] int SetpointsCommitted,
    [property: Id(16)] double WallMs,
    [property: Id(17)] int SkippedTicks,
    [property: Id(18)] double PlanningMs,
    [property: Id(19)] double CoordinationMs,
    [property: Id(20)] double CommitMs,
    [property: Id(21)] int MissedCycles,
    [property: Id(22)] string Version)
{
    /// <summary>Per resource and step, the DSO limit version that set the step's limit (0: the district's own limit).</summary>
    [Id(23)] public IReadOnlyDictionary<string, long[]> LimitVersionPerStep { get; init; } = new Dictionary<string, long[]>();

    /// <summary>Per resource and step, whether a version's fallback set the step's limit (its profile ran out or was cancelled).</summary>
    [Id(24)] public IReadOnlyDictionary<string, bool[]> LimitFallbackPerStep { get; init; } = new Dictionary<string, bool[]>();

    /// <summary>When the cycle completed, on the SEMS clock.</summary>
    [Id(25)] public DateTimeOffset ComputedAt { get; init; }

    /// <summary>
    /// Per grid node (the root included, under its id) and resource: limit, draw, excess and violation before and after
    /// coordination. The top-level fields are the root's; a district without a grid has one node named after itself.
    /// </summary>
    [Id(26)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, NodeResourceCycle>> Nodes { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, NodeResourceCycle>>();

    /// <summary>The id of the grid's root node (the district's name when the file has no grid).</summary>
    [Id(27)] public string RootNode { get; init; } = "";

    /// <summary>Economic mode: the relative gap of the price rounds' plan to its lower bound (0.01 = 1 %); null in priority mode.</summary>
    [Id(28)] public double? EconomicGap { get; init; }

    /// <summary>Economic mode: the largest remaining excess over any node's limit after the price rounds, kW (primal residual); null in priority mode.</summary>
    [Id(29)] public double? PrimalResidualKw { get; init; }

    /// <summary>Economic mode: the change of the prices in the last round (dual residual, currency per kWh); null in priority mode.</summary>
    [Id(30)] public double? DualResidual { get; init; }

    /// <summary>Economic mode: the price rounds run (<see cref="Rounds"/> counts Algorithm 1's visits); null in priority mode.</summary>
    [Id(31)] public int? PriceRounds { get; init; }

    /// <summary>Per node below the root, resource and step, the DSO limit version that set the step's limit (0: the file's); the root's is <see cref="LimitVersionPerStep"/>.</summary>
    [Id(32)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long[]>> NodeLimitVersionPerStep { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long[]>>();

    /// <summary>Per node below the root, resource and step, whether a version's fallback set the step's limit.</summary>
    [Id(33)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool[]>> NodeLimitFallbackPerStep { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, bool[]>>();

    /// <summary>
    /// With <c>coordination.riskLevel</c>: the margins, the planning limits and the cost of the margin. The report's
    /// limits, excesses and violations (root and <see cref="Nodes"/>) stay the DSO's own limits. Null without a risk level.
    /// </summary>
    [Id(34)] public RiskMarginCycle? Risk { get; init; }
}
