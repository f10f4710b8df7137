namespace Sems.Contracts.Market;

/// <summary>A prosumer grain's answer: its schedule, or why there is none (not configured, infeasible, an invalid request …).</summary>
/// <param name="ProsumerId">Who was asked.</param>
/// <param name="Schedule">Its schedule; null with a problem.</param>
/// <param name="Problem">Why there is no schedule; null with one.</param>
[GenerateSerializer, Immutable, Alias("sems.market.ProsumerReplyMessage")]
public sealed record ProsumerReplyMessage(
    [property: Id(0)] string ProsumerId,
    [property: Id(1)] ProsumerScheduleMessage? Schedule,
    [property: Id(2)] string? Problem);
