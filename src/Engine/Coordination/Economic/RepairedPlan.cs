namespace Sems.Engine.Coordination.Economic;

/// <summary>A subsystem's answer to a <see cref="CapRequest"/>.</summary>
/// <param name="Accepted">True when it found a plan within the caps; false when it refuses (then it keeps a plan of its own choosing).</param>
/// <param name="Objective">J_ℓ of the accepted plan, objective units (ignored when refused).</param>
/// <param name="DrawKw">The accepted plan's draw per resource and step, kW.</param>
/// <param name="Reason">Why it refused, in words.</param>
public sealed record RepairedPlan(bool Accepted, double Objective, IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw, string? Reason = null)
{
    /// <summary>
    /// Optional: per capped resource and step, the marginal value of the cap, currency (objective units) per kWh
    /// (−dual of the P̄max row ÷ Δt, ≥ 0; 0 where the cap does not bind). The coordinator estimates node prices from
    /// them; null when the solver has none (a MILP).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>>? CapPricePerKwh { get; init; }
}
