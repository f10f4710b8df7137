namespace Sems.Contracts.Results;

/// <summary>
/// The full solved plan of one subsystem for one cycle (every trajectory), as typed values: what <c>sems coordinate --json</c>
/// prints per subsystem. Read on demand from the subsystem grain; never part of a plan or a cycle report.
/// </summary>
/// <param name="Status">optimal, feasible, infeasible, unbounded or error.</param>
[GenerateSerializer, Immutable, Alias("sems.SubsystemResultRecord")]
public sealed record SubsystemResultRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] int Cycle,
    [property: Id(2)] string Status,
    [property: Id(3)] double Objective,
    [property: Id(4)] double ModelObjective,
    [property: Id(5)] PlanTerms? Terms,
    [property: Id(6)] IReadOnlyDictionary<string, double[]> DrawKw,
    [property: Id(7)] SupplyResult[] Supplies,
    [property: Id(8)] StoreResult[] Stores,
    [property: Id(9)] DemandResult[] Demands,
    [property: Id(10)] string Solver,
    [property: Id(11)] double RelativeGap,
    [property: Id(12)] TimeSpan BuildTime,
    [property: Id(13)] TimeSpan SolveTime,
    [property: Id(14)] InfeasibilityResult[] Infeasibility,
    [property: Id(15)] string? Message,
    [property: Id(16)] double MaxSlack,
    [property: Id(17)] bool SlackBeyondRange,
    [property: Id(18)] string[] Warnings)
{
    /// <summary>Per resource some export feeds, Σ of its exports per step, kW; empty when it exports nothing.</summary>
    [Id(19)] public IReadOnlyDictionary<string, double[]> ExportKw { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Per export id, its power fed back per step, kW.</summary>
    [Id(20)] public IReadOnlyDictionary<string, double[]> Exports { get; init; } = new Dictionary<string, double[]>();
}
