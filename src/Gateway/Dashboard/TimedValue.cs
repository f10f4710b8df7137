namespace Sems.Gateway.Dashboard;

/// <summary>One value of a series at a time (UTC); the unit is the series'.</summary>
public sealed record TimedValue(DateTimeOffset At, double Value);
