using Sems.Contracts.Market;

namespace Sems.Grains.Market;

/// <summary>Persisted state of a market coordinator grain: the community definition in use and the outcome of its last run.</summary>
[GenerateSerializer, Alias("sems.market.MarketCoordinatorState")]
public sealed class MarketCoordinatorState
{
    [Id(0)] public CommunityDefinition? Definition { get; set; }

    [Id(1)] public MarketOutcomeMessage? LastOutcome { get; set; }
}
