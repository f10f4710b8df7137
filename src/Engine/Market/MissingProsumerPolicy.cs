namespace Sems.Engine.Market;

/// <summary>What the market coordinator does when a prosumer does not answer an iteration in time.</summary>
public enum MissingProsumerPolicy
{
    /// <summary>Go on without it: it is left out of the iteration and of the settlement, and the outcome names it.</summary>
    SettleWithout,

    /// <summary>Keep waiting for its answer (no timeout).</summary>
    Wait,
}
