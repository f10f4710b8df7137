using Sems.Contracts.Market;

namespace Sems.Grains.Market;

/// <summary>Persisted state of a prosumer grain: its definition, written only when it changes.</summary>
[GenerateSerializer, Alias("sems.market.ProsumerGrainState")]
public sealed class ProsumerGrainState
{
    [Id(0)] public ProsumerDefinition? Definition { get; set; }
}
