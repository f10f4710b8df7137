namespace Sems.Contracts.Market;

/// <summary>A prosumer's shiftable appliance as the grains receive it: an uninterruptible profile run once within its window.</summary>
/// <param name="Id">The load's id, unique within its prosumer.</param>
/// <param name="ProfileKw">Power per step once started, kW ≥ 0; its length is the run time in steps.</param>
/// <param name="EarliestStartStep">The first step it may start at.</param>
/// <param name="LatestEndStep">The last step it may still run in.</param>
/// <param name="PreferredStartStep">The start the user prefers, within the window.</param>
/// <param name="DelayCostPerStep">Discomfort cost, currency per step of |start − preferred start|, ≥ 0.</param>
[GenerateSerializer, Immutable, Alias("sems.market.FlexibleLoadDefinition")]
public sealed record FlexibleLoadDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] double[] ProfileKw,
    [property: Id(2)] int EarliestStartStep,
    [property: Id(3)] int LatestEndStep,
    [property: Id(4)] int PreferredStartStep,
    [property: Id(5)] double DelayCostPerStep);
