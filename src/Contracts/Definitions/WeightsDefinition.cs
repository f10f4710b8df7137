namespace Sems.Contracts.Definitions;

/// <summary>φ_nrg, φ_pen, φ_slack (eq. 23) and α per factor (eq. 19).</summary>
[GenerateSerializer, Immutable, Alias("sems.WeightsDefinition")]
public sealed record WeightsDefinition(
    [property: Id(0)] double Energy,
    [property: Id(1)] double Storage,
    [property: Id(2)] double Comfort,
    [property: Id(3)] IReadOnlyDictionary<string, double> Factors);
