namespace Sems.Engine.Model;

/// <summary>What the SoC at the end of the horizon must satisfy.</summary>
public enum StoreTerminal
{
    /// <summary>No condition on SoC[N].</summary>
    None,

    /// <summary>SoC[N] ≥ socInitial.</summary>
    AtLeastInitial,

    /// <summary>SoC[N] = socInitial.</summary>
    ReturnToInitial,
}
