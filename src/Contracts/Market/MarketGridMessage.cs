namespace Sems.Contracts.Market;

/// <summary>The DSO step of a market run: whether every node's limits hold in the settled schedules, and what it took.</summary>
/// <param name="Holds">Whether every node's limits hold after the DSO step.</param>
/// <param name="Rounds">How many times capped prosumers were asked again (0 when the market's result already held).</param>
/// <param name="Capped">The prosumers sent import or export caps.</param>
/// <param name="Problems">Prosumers that could not answer under their caps and kept their schedule, with why.</param>
/// <param name="Summary">One sentence for operators.</param>
/// <param name="Nodes">Every grid node, root first.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketGridMessage")]
public sealed record MarketGridMessage(
    [property: Id(0)] bool Holds,
    [property: Id(1)] int Rounds,
    [property: Id(2)] string[] Capped,
    [property: Id(3)] MissingProsumerMessage[] Problems,
    [property: Id(4)] string Summary,
    [property: Id(5)] MarketNodeMessage[] Nodes);
