namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// Answers one round of pricing questions, one answer per request in request order. The requests are independent:
/// an implementation solves them in parallel (local tasks, or grains across a cluster).
/// </summary>
public delegate ValueTask<IReadOnlyList<PricedPlan>> PriceBatch(IReadOnlyList<PriceRequest> requests, CancellationToken cancellationToken);
