namespace Sems.Engine.Market;

/// <summary>
/// The DSO's current <c>electricity</c> limits on some grid nodes, replacing the community file's limits of those nodes
/// for one market run (a node not named here keeps the community's own limits, or none).
/// </summary>
/// <param name="ImportMaxKw">node id → the most its subtree may draw per step, kW ≥ 0 (+∞ = no limit); one value per step.</param>
/// <param name="ExportMaxKw">node id → the most its subtree may feed back per step, kW ≥ 0 (+∞ = no limit); one value per step.</param>
public sealed record MarketGridLimits(
    IReadOnlyDictionary<string, IReadOnlyList<double>> ImportMaxKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ExportMaxKw)
{
    /// <summary>No override: the community's own node limits apply.</summary>
    public static MarketGridLimits None { get; } = new(
        new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal),
        new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal));
}
