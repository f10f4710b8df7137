using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>One thing that had to give for an infeasible subsystem to become feasible, in words and in numbers.</summary>
/// <param name="Message">e.g. "heat balance (eq. 18) short by 12.5 kW at steps 68–75: supplies at their maximum".</param>
/// <param name="MaxAmount">Largest violation, in <paramref name="Unit"/>.</param>
public sealed record InfeasibilityFinding(ConstraintFamily Family, string Message, int FirstStep, int LastStep, double MaxAmount, string Unit);
