namespace Sems.Engine.Optimisation;

/// <summary>
/// What a group of rows or variables means, shared by every step of the group so that no per-step text is built.
/// </summary>
/// <param name="Name">Name with unit, e.g. <c>socKwh[thermal-store]</c> or <c>heatBalanceKw</c>; a step index is appended on export.</param>
/// <param name="Family">The constraint family the bounds (of a variable) or the row belong to.</param>
/// <param name="Below">How to say that the lower side is violated, e.g. "heat balance (eq. 18) short by".</param>
/// <param name="Above">How to say that the upper side is violated.</param>
/// <param name="Unit">Unit of the violation amount (kW, kWh).</param>
public sealed record Subject(string Name, ConstraintFamily Family, string Below = "", string Above = "", string Unit = "")
{
    public static Subject Structural(string name) => new(name, ConstraintFamily.Structure);
}
