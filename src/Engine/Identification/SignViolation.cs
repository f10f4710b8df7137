namespace Sems.Engine.Identification;

/// <summary>A fitted coefficient whose sign contradicts the physics of the demand (see <see cref="SignCheck"/>).</summary>
/// <param name="Input">
/// The energy type whose B has the wrong sign, or null for A itself (a first-order store needs 0 &lt; A &lt; 1: the
/// state carries over from one step to the next, decaying; A ≤ 0 makes it flip sign or vanish every step).
/// </param>
/// <param name="Value">The fitted coefficient: B[q] in the state's unit per kW per step, or A (dimensionless).</param>
/// <param name="Expected">The sign physics demands of it (Positive for A).</param>
public sealed record SignViolation(string? Input, double Value, ExpectedSign Expected);
