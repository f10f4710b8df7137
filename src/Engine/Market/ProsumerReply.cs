namespace Sems.Engine.Market;

/// <summary>The outcome of asking one prosumer: its schedule, or why there is none.</summary>
/// <param name="ProsumerId">Who was asked.</param>
/// <param name="Schedule">Its answer; null when it did not answer or could not.</param>
/// <param name="Problem">Why there is no schedule (timed out after N s, infeasible, invalid message …); null with a schedule.</param>
public sealed record ProsumerReply(string ProsumerId, ProsumerSchedule? Schedule, string? Problem);
