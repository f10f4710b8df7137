using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>The five kW profiles of a report by their stored name (history_report_profile.profile).</summary>
internal static class ReportProfiles
{
    public const string Limit = "limit";
    public const string DrawBefore = "draw_before";
    public const string DrawAfter = "draw_after";
    public const string ExcessBefore = "excess_before";
    public const string ExcessAfter = "excess_after";

    public static IEnumerable<(string Profile, IReadOnlyDictionary<string, IReadOnlyList<double>> Values)> Of(ReportRecord report)
    {
        yield return (Limit, report.LimitKw);
        yield return (DrawBefore, report.DrawBeforeKw);
        yield return (DrawAfter, report.DrawAfterKw);
        yield return (ExcessBefore, report.ExcessBeforeKw);
        yield return (ExcessAfter, report.ExcessAfterKw);
    }
}
