namespace Sems.Contracts;

/// <summary>The objective's terms (eq. 23): weighted energy, storage and comfort, and each factor's unweighted total, and the start costs of committed supplies (before φ_nrg).</summary>
[GenerateSerializer, Immutable, Alias("sems.PlanTerms")]
public sealed record PlanTerms(
    [property: Id(0)] double Energy,
    [property: Id(1)] double Storage,
    [property: Id(2)] double Comfort,
    [property: Id(3)] IReadOnlyDictionary<string, double> ByFactor,
    [property: Id(4)] double StartCosts = 0)
{
    /// <summary>Per export factor, what the exports earned over the horizon (already subtracted in <see cref="ByFactor"/>); empty without exports.</summary>
    [Id(5)] public IReadOnlyDictionary<string, double> ExportValueByFactor { get; init; } = new Dictionary<string, double>();
}
