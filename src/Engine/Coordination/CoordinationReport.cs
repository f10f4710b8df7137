namespace Sems.Engine.Coordination;

/// <summary>
/// The outcome of one coordination cycle (Algorithm 1 with Pex = max(0, Ptot − Plim)). The positional fields describe
/// the grid's root (for a district without a grid: the district limits); <see cref="Nodes"/> describes every node.
/// </summary>
/// <param name="Rounds">
/// Mode "priority": subsystems visited while an excess remained anywhere in the grid. Mode "priority-parallel": parallel
/// batches of re-solves launched (each batch is one round trip to the solvers); <see cref="Visited"/> then holds the
/// sequential count.
/// </param>
/// <param name="Resolves">
/// Re-solves whose answers the algorithm used: one per tightened subsystem, the same in both modes (a visited subsystem
/// that draws no resource in excess on its path to the root is not re-solved).
/// </param>
/// <param name="LimitKw">The root's Plim per resource and step, kW.</param>
/// <param name="DrawBeforeKw">Ptot at the root (every subsystem) before coordination (eq. 26), per resource the root limits, kW.</param>
/// <param name="DrawAfterKw">Ptot at the root after coordination, kW.</param>
/// <param name="ExcessBeforeKw">max(0, Ptot − Plim) at the root before, kW.</param>
/// <param name="ExcessAfterKw">max(0, Ptot − Plim) at the root after, kW: non-zero only when the limit cannot be met.</param>
/// <param name="ViolationBeforeKwh">Σ_i excess·Δt at the root before, kWh.</param>
/// <param name="ViolationAfterKwh">Σ_i excess·Δt at the root after, kWh.</param>
/// <param name="Participants">Per subsystem, in priority order.</param>
public sealed record CoordinationReport(
    int Rounds,
    int Resolves,
    IReadOnlyDictionary<string, IReadOnlyList<double>> LimitKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawBeforeKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawAfterKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ExcessBeforeKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ExcessAfterKw,
    IReadOnlyDictionary<string, double> ViolationBeforeKwh,
    IReadOnlyDictionary<string, double> ViolationAfterKwh,
    IReadOnlyList<ParticipantOutcome> Participants)
{
    /// <summary>"priority" (Algorithm 1, one re-solve at a time) or "priority-parallel" (the same result, re-solves in parallel batches).</summary>
    public string Mode { get; init; } = Algorithm1.PriorityMode;

    /// <summary>Subsystems visited while an excess remained anywhere in the grid (equals <see cref="Rounds"/> in mode "priority").</summary>
    public int Visited { get; init; }

    /// <summary>
    /// Mode "priority-parallel": re-solves launched on a predicted P̄max ahead of the sequential loop (every batch
    /// member but its first, which is solved on the exact P̄max). 0 in mode "priority".
    /// </summary>
    public int SpeculativeResolves { get; init; }

    /// <summary>
    /// Mode "priority-parallel": launched re-solves whose answers were not used (a speculation that was not provably the
    /// sequential answer, or was never reached): <see cref="Rounds"/> + <see cref="SpeculativeResolves"/> − <see cref="Resolves"/>. 0 in mode "priority".
    /// </summary>
    public int WastedResolves { get; init; }

    /// <summary>
    /// Per grid node id (root first), per resource that any node of the grid limits: the subtree's draw against the
    /// node's limit (<see cref="NodeOutcome.LimitKw"/> null where this node sets none). Resources no node limits are not
    /// tracked. Empty for a report built without a grid.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, NodeOutcome>> Nodes { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, NodeOutcome>>();

    /// <summary>
    /// With <c>coordination.riskLevel</c>: the margins, the planning limits importMax − margin the plan was held to, and
    /// the cost of the margin. The report's limits, excesses and violations are then the DSO's own limits. Null without a risk level.
    /// </summary>
    public RiskMarginReport? Risk { get; init; }

    /// <summary>True when every limit holds after coordination: the root's and every node's.</summary>
    public bool LimitsHold => ViolationAfterKwh.Values.All(v => v <= 0) && Nodes.Values.All(n => n.Values.All(o => o.Holds));
}
