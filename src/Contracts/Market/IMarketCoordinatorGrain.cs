using Orleans.Concurrency;

namespace Sems.Contracts.Market;

/// <summary>
/// The energy market coordinator of one community (key: the community's name): configures its prosumer grains, runs
/// the market's price loop over them and keeps the last outcome. It calls its prosumer grains and the community's DSO
/// limits grain (<see cref="IGridLimitsGrain"/>, same key); neither calls it back.
/// </summary>
[Alias("sems.market.IMarketCoordinatorGrain")]
public interface IMarketCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a community definition (its name must be the key) and configures every prosumer grain with its member;
    /// returns every problem, empty when accepted (nothing is kept otherwise). Also tells the limits grain the
    /// community's grid, so that the DSO may set limits on its nodes.
    /// </summary>
    [Alias("Configure"), ResponseTimeout("00:10:00")]
    Task<string[]> Configure(CommunityDefinition definition);

    /// <summary>
    /// Runs the market once: iterations over the prosumer grains until convergence or the iteration limit, the DSO step
    /// under the nodes' limits in force (the file's, replaced by the DSO's versions where it set any), then the settlement.
    /// Throws <see cref="InvalidOperationException"/> before a definition is configured. A run of a large community
    /// outlasts Orleans' default 30 s response timeout, so this call waits up to an hour.
    /// </summary>
    [Alias("Run"), ResponseTimeout("01:00:00")]
    Task<MarketOutcomeMessage> Run();

    /// <summary>The outcome of the last run, or null before the first.</summary>
    [Alias("GetLastOutcome"), ReadOnly, AlwaysInterleave]
    Task<MarketOutcomeMessage?> GetLastOutcome();

    /// <summary>The definition in use, or null before the first accepted one.</summary>
    [Alias("GetDefinition"), ReadOnly, AlwaysInterleave]
    Task<CommunityDefinition?> GetDefinition();
}
