namespace Sems.Engine.Model;

/// <summary>A district: its subsystems and the limits the network operator sets on their summed draw.</summary>
/// <param name="Name">The district's id (<see cref="Identifier"/>): the key it is served, stored and addressed under.</param>
/// <param name="StepMinutes">Δt of one step, minutes.</param>
/// <param name="HorizonSteps">N, the prediction horizon in steps.</param>
/// <param name="Factors">factor → resource → per-kWh factor (e.g. cost in currency/kWh, co2 in kgCO2/kWh).</param>
/// <param name="DistrictLimits">resource → Plim, kW (eq. 27).</param>
public sealed record District(
    string Name,
    DateTimeOffset? Start,
    int StepMinutes,
    int HorizonSteps,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Series>> Factors,
    IReadOnlyDictionary<string, Series> DistrictLimits,
    IReadOnlyList<Subsystem> Subsystems)
{
    /// <summary>Δt in hours.</summary>
    public double StepHours => StepMinutes / 60.0;

    /// <summary>The text shown as the district's heading in tables and reports; the <see cref="Name"/> when the file gives no <c>title</c>.</summary>
    public string Title
    {
        get => _title ?? Name;
        init => _title = value;
    }

    private readonly string? _title;

    /// <summary>
    /// The grid's tree of connection points and their limits. Without a <c>grid</c> in the file: one root named after
    /// the district holding <see cref="DistrictLimits"/>. With one, <see cref="DistrictLimits"/> are the root's import limits.
    /// </summary>
    public GridTopology Grid
    {
        get => _grid ?? GridTopology.Single(Name, DistrictLimits);
        init => _grid = value;
    }

    private readonly GridTopology? _grid;

    /// <summary>The file's <c>coordination</c> object; <see cref="CoordinationSettings.Default"/> when it has none.</summary>
    public CoordinationSettings Coordination { get; init; } = CoordinationSettings.Default;

    /// <summary>ISO 4217 code of the money the cost factors are in (e.g. "GBP"), or null when the file names none.</summary>
    public string? Currency { get; init; }

    /// <summary>
    /// factor → resource → the per-kWh value of exporting the resource (the file's <c>exportFactors</c>, e.g. a feed-in
    /// tariff under "cost"): each exported kWh subtracts it in the objective, with the same α as a drawn kWh (eq. 19).
    /// Empty when the file gives none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Series>> ExportFactors { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, Series>>(StringComparer.Ordinal);

    /// <summary>Every factor of <see cref="Factors"/>, then those only <see cref="ExportFactors"/> names, in first-seen order.</summary>
    public IReadOnlyList<string> FactorNames =>
        ExportFactors.Count == 0 ? Factors.Keys.ToList() : Factors.Keys.Concat(ExportFactors.Keys).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The per-kWh value of exporting <paramref name="resource"/> under <paramref name="factor"/>; 0 where the file names none.</summary>
    public double ExportFactorFor(string factor, string resource, int step) =>
        ExportFactors.TryGetValue(factor, out var byResource) && byResource.TryGetValue(resource, out var series) ? series[step] : 0.0;

    /// <summary>The per-kWh value of <paramref name="factor"/> for <paramref name="resource"/>; 0 where the file names none.</summary>
    public double FactorFor(string factor, string resource, int step) =>
        Factors.TryGetValue(factor, out var byResource) && byResource.TryGetValue(resource, out var series) ? series[step] : 0.0;
}
