namespace Sems.Engine.Limits;

/// <summary>What a limit request is validated against: the district file's name, step and horizon, the resources that
/// may carry a grid limit, and the current time (passed in: the engine reads no clock).</summary>
/// <param name="StepMinutes">Δt of the district, minutes (1 to 1,440, dividing a day).</param>
/// <param name="HorizonSteps">N, the steps one plan covers (carried for the caller; no rule depends on it).</param>
/// <param name="Resources">The resources a limit may be set on, e.g. <c>electricity</c>.</param>
public sealed record LimitContext(string DistrictName, int StepMinutes, int HorizonSteps, IReadOnlySet<string> Resources, DateTimeOffset Now);
