namespace Sems.Engine.Market;

/// <summary>
/// One iteration's exchange between the market coordinator and the prosumers: in process (solving each prosumer's
/// MILP), through grains, or over a message bus. The coordinator's algorithm is the same over every one.
/// </summary>
public interface IMarketRound
{
    /// <summary>Sends every request and returns one reply per request, in the same order.</summary>
    Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken);
}
