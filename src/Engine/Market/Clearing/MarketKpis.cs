namespace Sems.Engine.Market;

/// <summary>The market's KPIs: per settled prosumer and for the community, against the no-market baseline.</summary>
/// <param name="Prosumers">One per settled prosumer, in the community's order.</param>
/// <param name="Community">The totals.</param>
public sealed record MarketKpis(IReadOnlyList<ProsumerKpi> Prosumers, CommunityKpi Community);
