namespace Sems.Engine.Coordination;

/// <summary>
/// A subsystem as Algorithm 1 sees it: its priority, its Pmin per resource, its planned draw Psub (eq. 25, the import)
/// and, when it feeds back into the grid, its planned export. Node totals count the net draw Psub − export.
/// </summary>
/// <param name="Priority">1 is restricted first.</param>
/// <param name="MinKw">Pmin per resource and step, kW (0 where the subsystem sets none).</param>
/// <param name="DrawKw">Psub per resource and step, kW; may be empty when the subsystem has no plan.</param>
/// <param name="HasPlan">False when the subsystem has no feasible plan to tighten.</param>
public sealed record CoordinationParticipant(
    string Id,
    int Priority,
    IReadOnlyDictionary<string, IReadOnlyList<double>> MinKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw,
    bool HasPlan = true)
{
    /// <summary>Pmax per resource and step, kW, where the subsystem sets one: the allowance rule never loosens past it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> MaxKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>
    /// What Ptot counts for a subsystem without a plan (its last committed or planned draw, else its Pmax), kW: an
    /// absent plan must not count as 0 kW exactly when something failed.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> NoPlanDrawKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>The grid node it is connected to (a <see cref="LimitTree"/> id); null for the root.</summary>
    public string? Node { get; init; }

    /// <summary>
    /// True when the subsystem's re-solve is a convex program (an LP: no commitment or other integer variable) answered
    /// with its optimum: then the parallel priority mode may reuse a re-solve made on a different P̄max when that is
    /// provably optimal on the exact one too. False by default: a MILP's answer is used only for the P̄max it was solved on.
    /// </summary>
    public bool Convex { get; init; }

    /// <summary>The planned export per resource and step, kW (Σ of the subsystem's exports of it); empty when it exports nothing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ExportKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>The least it must export per resource and step, kW (Σ of its exports' min): an export cap never goes below it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ExportMinKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>The most it can export per resource and step, kW (Σ of its exports' max): the allowance never loosens an export cap past it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ExportMaxKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>
    /// σ of its draw per resource and step caused by forecast error, kW (<see cref="Model.Subsystem.UncertaintyKw"/>):
    /// what <see cref="RiskMargin"/> sums into a node's margin. Empty: the draw is taken as certain.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> UncertaintyKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>The draw Ptot counts: the plan's, or without one <see cref="NoPlanDrawKw"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> CountedDrawKw => HasPlan ? DrawKw : NoPlanDrawKw;

    /// <summary>The export Ptot counts against it: the plan's; none without a plan (which counts its largest draw).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> CountedExportKw => HasPlan ? ExportKw : new Dictionary<string, IReadOnlyList<double>>();
}
