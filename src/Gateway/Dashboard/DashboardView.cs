namespace Sems.Gateway.Dashboard;

/// <summary>
/// What the dashboard shows beside a district's status (<c>GridStatus</c>, from the event stream): the stores' planned
/// state of charge, the set-points in force (null, with <see cref="SetpointsNote"/>, when the token lacks setpoints.read)
/// and forecasts against measurements over <see cref="HistoryFrom"/>–<see cref="HistoryTo"/> (empty when the gateway has
/// no history store: <see cref="HistoryAvailable"/> false). <see cref="Cycle"/> and <see cref="Start"/> are those of the
/// latest cycle report (null before the first cycle).
/// </summary>
public sealed record DashboardView(
    string District,
    bool Running,
    int StepMinutes,
    int HorizonSteps,
    int? Cycle,
    DateTimeOffset? Start,
    IReadOnlyList<StoreView> Stores,
    IReadOnlyList<SetpointView>? Setpoints,
    string? SetpointsNote,
    bool HistoryAvailable,
    DateTimeOffset HistoryFrom,
    DateTimeOffset HistoryTo,
    IReadOnlyList<ForecastComparison> Forecasts);
