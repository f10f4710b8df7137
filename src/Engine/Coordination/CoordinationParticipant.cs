namespace Sems.Engine.Coordination;

/// <summary>A subsystem as Algorithm 1 sees it: its priority, its Pmin per resource and its planned draw Psub (eq. 25).</summary>
/// <param name="Priority">1 is restricted first.</param>
/// <param name="MinKw">Pmin per resource and step, kW (0 where the subsystem sets none).</param>
/// <param name="DrawKw">Psub per resource and step, kW; empty when the subsystem has no plan.</param>
/// <param name="HasPlan">False when the subsystem has no feasible plan to tighten.</param>
public sealed record CoordinationParticipant(
    string Id,
    int Priority,
    IReadOnlyDictionary<string, IReadOnlyList<double>> MinKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw,
    bool HasPlan = true);
