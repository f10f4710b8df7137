namespace Sems.Engine.Coordination.Economic;

/// <summary>A subsystem's answer to a <see cref="CapRequest"/>.</summary>
/// <param name="Accepted">True when it found a plan within the caps; false when it refuses (then it keeps a plan of its own choosing).</param>
/// <param name="Objective">J_ℓ of the accepted plan, objective units (ignored when refused).</param>
/// <param name="DrawKw">The accepted plan's draw per resource and step, kW.</param>
/// <param name="Reason">Why it refused, in words.</param>
public sealed record RepairedPlan(bool Accepted, double Objective, IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw, string? Reason = null);
