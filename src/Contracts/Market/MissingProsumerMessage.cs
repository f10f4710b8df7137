namespace Sems.Contracts.Market;

/// <summary>A prosumer left out of the market's result, and why.</summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="Problem">Why (no answer within N s, infeasible, not configured …).</param>
[GenerateSerializer, Immutable, Alias("sems.market.MissingProsumerMessage")]
public sealed record MissingProsumerMessage(
    [property: Id(0)] string ProsumerId,
    [property: Id(1)] string Problem);
