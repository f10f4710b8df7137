namespace Sems.Engine.Model;

/// <summary>A demand element: a fixed series (eq. 18) or a state-space model (eqs. 12–17).</summary>
public abstract record Demand(string Id);
