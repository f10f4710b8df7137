namespace Sems.Engine.Coordination;

/// <summary>How Algorithm 1 sets a visited subsystem's P̄max at each step.</summary>
public enum CoordinationRule
{
    /// <summary>
    /// P̄max = max(Pmin, Plim − (Ptot − Psub)), capped at the subsystem's own Pmax: at steps in excess this is the
    /// paper's Psub − Pex; at steps with headroom the subsystem may draw up to what the others leave, so it can shift
    /// load there. The limit still holds after its re-solve. The default.
    /// </summary>
    Allowance,

    /// <summary>The paper's rule: P̄max = max(Pmin, Psub − Pex), which holds the subsystem at its planned draw at steps without excess.</summary>
    Literal,
}
