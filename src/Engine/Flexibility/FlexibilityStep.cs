namespace Sems.Engine.Flexibility;

/// <summary>
/// How far one step's draw of a resource can move from the plan, and what the first kWh of each move costs.
/// </summary>
/// <param name="Step">i = 0…N−1 of the plan's horizon.</param>
/// <param name="PlannedKw">The plan's draw at this step, kW.</param>
/// <param name="DownKw">Plan − floor, kW ≥ 0: what this step gives when every step goes to its floor at once (the floor
/// plan is one jointly achievable plan, so all steps' DownKw can be taken together).</param>
/// <param name="UpKw">Ceiling − plan, kW ≥ 0, jointly achievable in the same sense.</param>
/// <param name="MarginalCostDownPerKwh">What the subsystem's objective loses, per kWh, when this step alone draws a
/// little less (every other step re-planned freely within its limits), in the subsystem's money (see
/// <see cref="SubsystemFlexibility.CostUnit"/>). A cost of moving: ≥ 0 at an optimal plan (0 where an equally good
/// plan draws less). <see cref="double.PositiveInfinity"/> where the step cannot draw less at all.</param>
/// <param name="MarginalCostUpPerKwh">The same for drawing a little more; ≥ 0, or <see cref="double.PositiveInfinity"/>
/// where the step cannot draw more.</param>
public sealed record FlexibilityStep(int Step, double PlannedKw, double DownKw, double UpKw, double MarginalCostDownPerKwh, double MarginalCostUpPerKwh);
