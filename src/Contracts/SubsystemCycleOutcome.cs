namespace Sems.Contracts;

/// <summary>
/// What one coordination cycle did to one subsystem. <see cref="Outcome"/>: planned, tightened, refused (kept its plan
/// under a limit it could not meet), failed (threw), timedOut (missed its deadline) or noPlan (no feasible plan);
/// <see cref="Note"/> gives the reason. <see cref="DrawBeforeKw"/> and <see cref="DrawAfterKw"/> are its plans' draws
/// (empty without a plan); <see cref="CountedDrawKw"/> is what Ptot counted for it: a failed, timed-out or plan-less
/// subsystem counts its fallback draw (last plan, else its peak; never 0 kW) and keeps its last set-points.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemCycleOutcome")]
public sealed record SubsystemCycleOutcome(
    [property: Id(0)] string SubsystemId,
    [property: Id(1)] int Priority,
    [property: Id(2)] string StatusBefore,
    [property: Id(3)] string Status,
    [property: Id(4)] bool Resolved,
    [property: Id(5)] bool Accepted,
    [property: Id(6)] IReadOnlyDictionary<string, double[]> TightenedMaxKw,
    [property: Id(7)] IReadOnlyDictionary<string, double[]> DrawBeforeKw,
    [property: Id(8)] IReadOnlyDictionary<string, double[]> DrawAfterKw,
    [property: Id(9)] string? Note,
    [property: Id(11)] bool HasPlan,
    [property: Id(12)] string Outcome,
    [property: Id(13)] double Objective,
    [property: Id(14)] IReadOnlyDictionary<string, double[]> CountedDrawKw)
{
    /// <summary>The caps on its total export per resource and step that Algorithm 1 set, kW; empty when none was set.</summary>
    [Id(15)] public IReadOnlyDictionary<string, double[]> TightenedExportMaxKw { get; init; } = new Dictionary<string, double[]>();

    /// <summary>What the node totals counted as its export per resource and step after coordination, kW; empty when it exports nothing.</summary>
    [Id(16)] public IReadOnlyDictionary<string, double[]> CountedExportKw { get; init; } = new Dictionary<string, double[]>();
}
