using Orleans.Concurrency;
using Sems.Contracts.Limits;

namespace Sems.Contracts;

/// <summary>
/// The DSO's limit versions of one district (key: district name): versioned profiles with validity, supersession on the
/// intervals two versions share, a fallback when a profile runs out or is cancelled, idempotent retries by request id
/// and optimistic concurrency by etag. The coordinator reads the effective limits at the start of every cycle, so an
/// accepted version takes effect in the next cycle. It calls no other grain but the district's status grain.
/// </summary>
[Alias("sems.IGridLimitsGrain")]
public interface IGridLimitsGrain : IGrainWithStringKey
{
    /// <summary>What limits are checked against; set by the coordinator whenever a definition is applied.</summary>
    [Alias("SetContext")]
    Task SetContext(LimitContext context);

    /// <summary>Adds or cancels a version; a rejected command changes nothing.</summary>
    [Alias("Apply")]
    Task<LimitCommandResult> Apply(LimitCommand command);

    /// <summary>Every version of the node and resource (any when null), newest first; superseded ones only when asked.</summary>
    [Alias("List"), AlwaysInterleave, ReadOnly]
    Task<LimitVersionRecord[]> List(string? node, string? resource, bool includeSuperseded);

    /// <summary>
    /// The limits of the horizon of <paramref name="steps"/> steps from <paramref name="horizonStart"/>: the versions over
    /// <paramref name="baseKw"/> (resource → kW per step). <paramref name="planned"/> marks that a cycle plans with them
    /// (versions set before are no longer VALIDATED but SCHEDULED or ACTIVE).
    /// </summary>
    [Alias("GetEffective"), AlwaysInterleave]
    Task<EffectiveLimits> GetEffective(DateTimeOffset horizonStart, int steps, IReadOnlyDictionary<string, double[]> baseKw, bool planned);

    /// <summary>
    /// <see cref="GetEffective"/> for every node of the grid at once: node id → the versions of that node over its
    /// <paramref name="baseKwPerNode"/> (resource → kW per step). The root may be named "", by the district's name or
    /// by the grid root's id; the answer keeps the caller's keys. A node the caller does not name gets no limits.
    /// </summary>
    [Alias("GetEffectivePerNode"), AlwaysInterleave]
    Task<IReadOnlyDictionary<string, EffectiveLimits>> GetEffectivePerNode(DateTimeOffset horizonStart, int steps,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> baseKwPerNode, bool planned);
}
