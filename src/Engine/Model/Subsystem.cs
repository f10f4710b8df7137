namespace Sems.Engine.Model;

/// <summary>One subsystem ℓ of the district: its own MPC problem (eqs. 1–24).</summary>
/// <param name="Priority">Coordination order: 1 is restricted first (Algorithm 1).</param>
/// <param name="Resources">resource → Pmin/Pmax on the subsystem's total draw, kW (eq. 5).</param>
/// <param name="Disturbances">name → d series for state-space demands (eq. 13).</param>
public sealed record Subsystem(
    string Id,
    int Priority,
    IReadOnlyDictionary<string, ResourceBounds> Resources,
    IReadOnlyList<Supply> Supplies,
    IReadOnlyList<Store> Stores,
    IReadOnlyList<Demand> Demands,
    IReadOnlyDictionary<string, Series> Disturbances,
    ObjectiveWeights Weights)
{
    /// <summary>The id of the grid node this subsystem is connected to; null for the root (<see cref="District.Grid"/>).</summary>
    public string? Node { get; init; }

    /// <summary>Every resource some supply of this subsystem draws, in first-seen order.</summary>
    public IReadOnlyList<string> DrawnResources =>
        Supplies.SelectMany(s => s.Conversions).Select(c => c.Resource).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every energy type some supply of this subsystem produces, in first-seen order.</summary>
    public IReadOnlyList<string> EnergyTypes =>
        Supplies.SelectMany(s => s.Conversions).Select(c => c.EnergyType).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Returns a copy whose Pmax of <paramref name="resource"/> is replaced (coordination, Algorithm 1).</summary>
    public Subsystem WithResourceMax(string resource, Series max)
    {
        var resources = new Dictionary<string, ResourceBounds>(Resources, StringComparer.Ordinal);
        resources[resource] = resources.TryGetValue(resource, out var bounds)
            ? bounds with { Max = max }
            : new ResourceBounds(Series.Constant(0, max.Count), max);
        return this with { Resources = resources };
    }
}
