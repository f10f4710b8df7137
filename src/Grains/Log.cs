using Microsoft.Extensions.Logging;

namespace Sems.Grains;

/// <summary>Source-generated log messages of the grains.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Asset {Asset} rejected a measurement ({Category}): {Reason}")]
    public static partial void MeasurementRejected(ILogger logger, string asset, string category, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Subsystem {Subsystem} cycle {Cycle}: {Status}; holding its last feasible plan. {Note}")]
    public static partial void HoldingLastPlan(ILogger logger, string subsystem, int cycle, string status, string note);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "District {District} cycle {Cycle}: {Rounds} rounds, {Resolves} re-solves, violation {Before:0.###} → {After:0.###} kWh, {WallMs:0.#} ms")]
    public static partial void CycleCompleted(ILogger logger, string district, int cycle, int rounds, int resolves, double before, double after, double wallMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "District {District}: a timer tick found the previous cycle still running; the tick was skipped (slow cycle)")]
    public static partial void SlowCycle(ILogger logger, string district);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Forecaster {Subsystem} input {Input}: {Method} could not train ({Reason}); serving same-time-yesterday forecasts")]
    public static partial void ForecasterFellBack(ILogger logger, string subsystem, string input, string method, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "District {District}: a timed coordination cycle failed")]
    public static partial void TimedCycleFailed(ILogger logger, string district, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "District {District} cycle {Cycle}: subsystem {Subsystem} {Outcome} ({Reason}); it keeps its last set-points and counts its fallback draw")]
    public static partial void SubsystemFailed(ILogger logger, string district, int cycle, string subsystem, string outcome, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "District {District}: {Missed} cycle(s) before cycle {Cycle} could not run and are reported as missed")]
    public static partial void CyclesMissed(ILogger logger, string district, int missed, int cycle);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "District {District}: definition {Version} applied to {Subsystems} subsystem(s)")]
    public static partial void DefinitionApplied(ILogger logger, string district, string version, int subsystems);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Subsystem {Subsystem} cycle {Cycle}: the infeasibility could not be explained ({Reason})")]
    public static partial void ExplanationFailed(ILogger logger, string subsystem, int cycle, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "District {District}: limit version {Version} {Action} ({Resource}) by {Principal}")]
    public static partial void LimitChanged(ILogger logger, string district, long version, string action, string resource, string principal);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "District {District}: the DSO's limit versions could not be read ({Reason}); this cycle plans with the district's own limits")]
    public static partial void LimitsUnavailable(ILogger logger, string district, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "District {District} cycle {Cycle}: the status stream could not be told ({Reason})")]
    public static partial void StatusUnavailable(ILogger logger, string district, int cycle, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "District {District} cycle {Cycle}: risk margin: {Warning}")]
    public static partial void RiskMarginWarning(ILogger logger, string district, int cycle, string warning);
}
