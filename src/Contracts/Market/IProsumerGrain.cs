using Orleans.Concurrency;

namespace Sems.Contracts.Market;

/// <summary>
/// One prosumer of a local energy market (key "community/prosumer"): holds its definition and answers the market
/// coordinator's prices with its least-cost schedule, solved on the silo's bounded solver pool. It calls no other grain.
/// </summary>
[Alias("sems.market.IProsumerGrain")]
public interface IProsumerGrain : IGrainWithStringKey
{
    /// <summary>Stores the prosumer's definition (its id must be the key's prosumer part); returns the problems, empty when accepted.</summary>
    [Alias("Configure")]
    Task<string[]> Configure(ProsumerDefinition definition);

    /// <summary>
    /// Its schedule at the request's prices and caps; a request it cannot answer (not configured, another prosumer's,
    /// series of the wrong length, an external prosumer, infeasible) gets a reply with the problem, never an exception.
    /// </summary>
    [Alias("Respond")]
    Task<ProsumerReplyMessage> Respond(ProsumerRequestMessage request);

    /// <summary>The definition held, or null before the first accepted one.</summary>
    [Alias("GetDefinition"), ReadOnly, AlwaysInterleave]
    Task<ProsumerDefinition?> GetDefinition();
}
