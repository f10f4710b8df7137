namespace Sems.Engine.Model;

/// <summary>How the coordinator brings the subsystems under the grid's limits (district file: <c>coordination.mode</c>).</summary>
public enum CoordinationMode
{
    /// <summary>Algorithm 1 (O'Dwyer et al.): subsystems tightened in priority order. The default.</summary>
    Priority,

    /// <summary>Near-optimal: a distributed price-coordination scheme on the coupling limits, then a feasibility repair.</summary>
    Economic,
}
