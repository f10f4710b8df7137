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

    /// <summary>What the subsystem may feed back into the grid (the file's <c>exports</c>); empty when it only imports.</summary>
    public IReadOnlyList<GridExport> Exports { get; init; } = [];

    /// <summary>
    /// resource → the most the subsystem may export of it in total per step, kW: a cap the coordinator sets on Σ of its
    /// exports of that resource when a grid node's <c>exportMax</c> is exceeded (Algorithm 1). Empty: no cap beyond each
    /// export's own max.
    /// </summary>
    public IReadOnlyDictionary<string, Series> ExportCapsKw { get; init; } = new Dictionary<string, Series>(StringComparer.Ordinal);

    /// <summary>
    /// resource → the standard deviation of the subsystem's draw of that resource caused by forecast error, kW per step
    /// of the horizon (the file's <c>uncertainty</c>, or the forecast key <c>uncertainty:{resource}</c>). Empty: the
    /// draw is taken as certain. Used only by a coordinator with a <see cref="CoordinationSettings.RiskLevel"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Series> UncertaintyKw { get; init; } = new Dictionary<string, Series>(StringComparer.Ordinal);

    /// <summary>Every resource some export of this subsystem feeds, in first-seen order.</summary>
    public IReadOnlyList<string> ExportedResources => Exports.Select(x => x.Resource).Distinct(StringComparer.Ordinal).ToList();

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

    /// <summary>Returns a copy whose total export of <paramref name="resource"/> is capped at <paramref name="max"/> per step, kW (coordination, Algorithm 1).</summary>
    public Subsystem WithExportCap(string resource, Series max)
    {
        var caps = new Dictionary<string, Series>(ExportCapsKw, StringComparer.Ordinal) { [resource] = max };
        return this with { ExportCapsKw = caps };
    }
}
