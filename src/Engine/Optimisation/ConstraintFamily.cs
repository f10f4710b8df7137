namespace Sems.Engine.Optimisation;

/// <summary>
/// The constraint families of the subsystem problem, each tied to its equation in O'Dwyer et al. §2.2.
/// Elastic families may be relaxed (with a penalised slack) to explain an infeasible problem; the others are model
/// structure (dynamics, definitions) that a relaxation must never bend.
/// </summary>
public enum ConstraintFamily
{
    /// <summary>Model structure: definitions and dynamics; never relaxed.</summary>
    Structure,

    /// <summary>eqs. 3–4: tech^min ≤ v ≤ tech^max.</summary>
    SupplyBounds,

    /// <summary>eq. 5: Pmin ≤ Σ v ≤ Pmax.</summary>
    ResourceLimits,

    /// <summary>eq. 8: SoC^min ≤ SoC ≤ SoC^max.</summary>
    StateOfChargeBounds,

    /// <summary>eq. 9: discharge bounds.</summary>
    DischargeBounds,

    /// <summary>eq. 10: charge bounds.</summary>
    ChargeBounds,

    /// <summary>eq. 11: stores charge only from store-feeding supplies.</summary>
    StoreFeed,

    /// <summary>eq. 18: supply + discharge − charge = demand.</summary>
    EnergyBalance,

    /// <summary>SoC[N] ≥ or = socInitial.</summary>
    TerminalStateOfCharge,

    /// <summary>Unit commitment: minimum output while on, minimum up and down times.</summary>
    Commitment,
}
