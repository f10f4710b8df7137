namespace Sems.Contracts;

/// <summary>
/// A subsystem's plan for one cycle, as it reports it to the coordinator: draw profiles and step 0, never the full
/// trajectories (<see cref="ISubsystemGrain.GetResult"/> serves those).
/// </summary>
/// <param name="Status">optimal, feasible, infeasible, unbounded or error (of the latest solve).</param>
/// <param name="Accepted">False when the latest solve failed and the subsystem holds its last feasible plan instead.</param>
/// <param name="DrawKw">Psub per resource and step, kW (eq. 25), of the plan held.</param>
/// <param name="MinKw">Pmin per resource and step, kW: the floor Algorithm 1 may not tighten below.</param>
/// <param name="Note">In words, e.g. why a tightened re-solve was refused.</param>
/// <param name="MaxKw">Pmax per resource and step, kW, where the subsystem sets one (the allowance rule's cap).</param>
/// <param name="Version">The definition version the plan was made with.</param>
/// <param name="FirstStep">Step 0 of the plan held as set-points: asset id → key (with unit) → value.</param>
/// <param name="InitialState">Where the initial state came from, in words (measured, predicted by the previous plan, or the file).</param>
[GenerateSerializer, Immutable, Alias("sems.SubsystemPlan")]
public sealed record SubsystemPlan(
    [property: Id(0)] string SubsystemId,
    [property: Id(1)] int Priority,
    [property: Id(2)] int Cycle,
    [property: Id(3)] DateTimeOffset Start,
    [property: Id(4)] string Status,
    [property: Id(5)] bool Accepted,
    [property: Id(6)] bool HasPlan,
    [property: Id(7)] double Objective,
    [property: Id(8)] PlanTerms? Terms,
    [property: Id(9)] IReadOnlyDictionary<string, double[]> DrawKw,
    [property: Id(10)] IReadOnlyDictionary<string, double[]> MinKw,
    [property: Id(11)] string? Note,
    [property: Id(12)] double SolveMs,
    [property: Id(14)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> FirstStep,
    [property: Id(15)] string InitialState,
    [property: Id(16)] IReadOnlyDictionary<string, double[]> MaxKw,
    [property: Id(17)] int Version)
{
    /// <summary>Per resource some export feeds, Σ of its exports per step, kW, of the plan held; empty when it exports nothing.</summary>
    [Id(18)] public IReadOnlyDictionary<string, double[]> ExportKw { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Σ of its exports' min per resource fed and step, kW: the floor of an export cap (Algorithm 1).</summary>
    [Id(19)] public IReadOnlyDictionary<string, double[]> ExportMinKw { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Σ of its exports' max per resource fed and step, kW: the allowance never loosens an export cap past it.</summary>
    [Id(20)] public IReadOnlyDictionary<string, double[]> ExportMaxKw { get; init; } = new Dictionary<string, double[]>();

    /// <summary>
    /// Per resource, the standard deviation of the draw caused by forecast error over this plan's horizon, kW per step
    /// (the file's <c>uncertainty</c> or the forecast key <c>uncertainty:{resource}</c>); empty when taken as certain.
    /// </summary>
    [Id(21)] public IReadOnlyDictionary<string, double[]> UncertaintyKw { get; init; } = new Dictionary<string, double[]>();
}
