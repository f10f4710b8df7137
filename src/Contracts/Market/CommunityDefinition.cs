using Sems.Contracts.Definitions;

namespace Sems.Contracts.Market;

/// <summary>
/// A validated community file as the market coordinator grain receives it: the tariffs, the prosumers, the grid nodes'
/// <c>electricity</c> limits and the market's options. Every series has one value per market step.
/// </summary>
/// <param name="Name">The community's id; also the key of its coordinator grain and of its DSO limits grain.</param>
/// <param name="Title">Its heading in reports; null = the name.</param>
/// <param name="Currency">ISO 4217 code of its money; null = "currency units".</param>
/// <param name="Start">When step 0 begins; null when not given.</param>
/// <param name="StepMinutes">Δt of one market interval, minutes.</param>
/// <param name="Steps">The number of market intervals of the horizon.</param>
/// <param name="RetailPerKwh">λ_b per step: the grid's import price, currency/kWh.</param>
/// <param name="FeedInPerKwh">λ_s per step: the grid's export price, currency/kWh.</param>
/// <param name="Prosumers">The members, in file order.</param>
/// <param name="Grid">The grid's nodes, root first and parents before children (resource → kW per step).</param>
/// <param name="Market">The coordinator's options.</param>
[GenerateSerializer, Immutable, Alias("sems.market.CommunityDefinition")]
public sealed record CommunityDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Title,
    [property: Id(2)] string? Currency,
    [property: Id(3)] DateTimeOffset? Start,
    [property: Id(4)] int StepMinutes,
    [property: Id(5)] int Steps,
    [property: Id(6)] double[] RetailPerKwh,
    [property: Id(7)] double[] FeedInPerKwh,
    [property: Id(8)] ProsumerDefinition[] Prosumers,
    [property: Id(9)] GridNodeDefinition[] Grid,
    [property: Id(10)] MarketSettingsDefinition Market);
