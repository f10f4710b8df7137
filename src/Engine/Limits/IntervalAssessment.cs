namespace Sems.Engine.Limits;

/// <summary>How a plan meets one interval of a limit profile.</summary>
/// <param name="Start">The interval's start.</param>
/// <param name="LimitKw">The profile's import limit for the interval, kW.</param>
/// <param name="PlannedImportKw">The mean planned district import over the interval's steps, kW.</param>
/// <param name="MinAchievableImportKw">The mean of the least import the district could reach over those steps, kW.</param>
/// <param name="ShortfallKw">max(0, planned − limit), kW.</param>
/// <param name="Compliant">Whether the shortfall is at most <see cref="LimitAssessment.ToleranceKw"/>.</param>
public sealed record IntervalAssessment(
    DateTimeOffset Start,
    double LimitKw,
    double PlannedImportKw,
    double MinAchievableImportKw,
    double ShortfallKw,
    bool Compliant)
{
    /// <summary>How many plan steps the means are taken over: fewer than the interval holds where the plan begins
    /// or ends inside it.</summary>
    public int PlannedSteps { get; init; }
}
