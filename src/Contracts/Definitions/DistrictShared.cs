namespace Sems.Contracts.Definitions;

/// <summary>The fields of a district file every subsystem needs: step, horizon, factors and export factors (factor → resource → per step) and currency.</summary>
[GenerateSerializer, Immutable, Alias("sems.DistrictShared")]
public sealed record DistrictShared(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset? Start,
    [property: Id(2)] int StepMinutes,
    [property: Id(3)] int HorizonSteps,
    [property: Id(4)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> Factors,
    [property: Id(5)] string? Currency)
{
    /// <summary>The file's display title (its name when it has none).</summary>
    [Id(6)] public string? Title { get; init; }

    /// <summary>The file's <c>exportFactors</c>: factor → resource → the per-kWh value of exporting it, per step; empty when it gives none.</summary>
    [Id(7)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> ExportFactors { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double[]>>(StringComparer.Ordinal);
}
