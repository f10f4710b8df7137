namespace Sems.Engine.Market;

/// <summary>The DSO step of a market run: the nodes' flows against their limits before and after, and what it took.</summary>
/// <param name="Nodes">One report per grid node, root first.</param>
/// <param name="Rounds">How many times prosumers were asked again under caps (0 when the market's result already held every limit).</param>
/// <param name="Holds">Whether every node's limits hold after the DSO step (within 1e-6 kW).</param>
/// <param name="Capped">The prosumers sent import or export caps, in the community's order.</param>
/// <param name="Problems">Prosumers that could not answer under their caps and kept their schedule, with why.</param>
/// <param name="Summary">One sentence for operators: "every node within its limits", or which nodes still exceed by how much.</param>
public sealed record MarketGridReport(
    IReadOnlyList<NodeGridReport> Nodes,
    int Rounds,
    bool Holds,
    IReadOnlyList<string> Capped,
    IReadOnlyList<ProsumerReply> Problems,
    string Summary);
