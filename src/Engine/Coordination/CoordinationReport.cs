namespace Sems.Engine.Coordination;

/// <summary>The outcome of one coordination cycle (Algorithm 1 with Pex = max(0, Ptot − Plim)).</summary>
/// <param name="Rounds">Subsystems visited while an excess remained.</param>
/// <param name="Resolves">Re-solves performed (a visited subsystem that draws none of the limited resources is not re-solved).</param>
/// <param name="LimitKw">Plim per resource and step, kW.</param>
/// <param name="DrawBeforeKw">Ptot before coordination (eq. 26), kW.</param>
/// <param name="DrawAfterKw">Ptot after coordination, kW.</param>
/// <param name="ExcessBeforeKw">max(0, Ptot − Plim) before, kW.</param>
/// <param name="ExcessAfterKw">max(0, Ptot − Plim) after, kW: non-zero only when the limit cannot be met.</param>
/// <param name="ViolationBeforeKwh">Σ_i excess·Δt before, kWh.</param>
/// <param name="ViolationAfterKwh">Σ_i excess·Δt after, kWh.</param>
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
    /// <summary>True when every district limit holds after coordination.</summary>
    public bool LimitsHold => ViolationAfterKwh.Values.All(v => v <= 0);
}
