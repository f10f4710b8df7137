namespace Sems.Engine.Coordination.Economic;

/// <summary>Answers the feasibility repair's requests, one answer per request in request order (independent: solve them in parallel).</summary>
public delegate ValueTask<IReadOnlyList<RepairedPlan>> CapBatch(IReadOnlyList<CapRequest> requests, CancellationToken cancellationToken);
