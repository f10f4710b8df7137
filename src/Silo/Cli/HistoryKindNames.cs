using Sems.Contracts.History;

namespace Sems.Silo.Cli;

/// <summary>The names <c>sems history --kind</c> takes (plural) and prints (singular) for each <see cref="HistoryKind"/>.</summary>
internal static class HistoryKindNames
{
    public static IReadOnlyList<(string Option, string Label, HistoryKind Kind)> All { get; } =
    [
        ("setpoints", "setpoint", HistoryKind.Setpoint),
        ("plans", "plan", HistoryKind.Plan),
        ("reports", "report", HistoryKind.Report),
        ("measurements", "measurement", HistoryKind.Measurement),
        ("forecasts", "forecast", HistoryKind.Forecast),
        ("limits", "limit", HistoryKind.LimitChange),
        ("audit", "audit", HistoryKind.Audit),
    ];

    public static string Label(HistoryKind kind) => All.First(k => k.Kind == kind).Label;

    public static HistoryKind? FromOption(string? name) => name is null ? null : All.First(k => k.Option == name).Kind;
}
