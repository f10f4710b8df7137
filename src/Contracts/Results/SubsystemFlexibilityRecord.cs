namespace Sems.Contracts.Results;

/// <summary>
/// How far a subsystem's plan held can move its draw of one resource, per step, and what the first kWh of each move
/// costs: the subsystem's part of the DSO API's <c>GetFlexibility</c>. Arrays hold one value per step of the plan,
/// from <see cref="PlanStart"/> on, each <see cref="StepMinutes"/> long.
/// </summary>
/// <param name="Cycle">The cycle whose plan was analysed (the plan held, which may be an earlier feasible one).</param>
/// <param name="PlanStart">When step 0 of that plan begins (UTC).</param>
/// <param name="PlannedKw">The plan's draw, kW.</param>
/// <param name="DownKw">Plan − floor, kW ≥ 0; the floor is one plan, so every step's DownKw is available at once.</param>
/// <param name="UpKw">Ceiling − plan, kW ≥ 0, available at once in the same sense.</param>
/// <param name="MarginalCostDownPerKwh">Cost of the first kWh less at that step alone (the others re-planned), in
/// <see cref="CostUnit"/>; ≥ 0, +∞ where the step cannot draw less.</param>
/// <param name="MarginalCostUpPerKwh">Cost of the first kWh more at that step alone; ≥ 0, +∞ where it cannot draw more.</param>
/// <param name="Currency">The district's ISO 4217 currency code, or null when its file names none.</param>
/// <param name="Method">How the numbers were computed, in words.</param>
/// <param name="CostUnit">E.g. "GBP per kWh"; "objective units per kWh" when the subsystem does not weigh cost.</param>
/// <param name="FloorAtLimit">True when the floor is the coordinator's tightening to max(Pmin, 0) kW at every step;
/// false when that is infeasible and the floor is the least energy drawable with no step above the plan.</param>
[GenerateSerializer, Immutable, Alias("sems.SubsystemFlexibilityRecord")]
public sealed record SubsystemFlexibilityRecord(
    [property: Id(0)] string SubsystemId,
    [property: Id(1)] string Resource,
    [property: Id(2)] int Cycle,
    [property: Id(3)] DateTimeOffset PlanStart,
    [property: Id(4)] int StepMinutes,
    [property: Id(5)] double[] PlannedKw,
    [property: Id(6)] double[] DownKw,
    [property: Id(7)] double[] UpKw,
    [property: Id(8)] double[] MarginalCostDownPerKwh,
    [property: Id(9)] double[] MarginalCostUpPerKwh,
    [property: Id(10)] string? Currency,
    [property: Id(11)] string Method,
    [property: Id(12)] string CostUnit,
    [property: Id(13)] bool FloorAtLimit);
