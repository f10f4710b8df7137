namespace Sems.Engine.Coordination;

/// <summary>
/// What Algorithm 1 sets on a visited subsystem: P̄max on its draw (import) of each resource that a node on its path
/// limits, and the cap on its total export of each resource that a node on its path limits the export of, kW per step.
/// </summary>
/// <param name="ImportMaxKw">P̄max per resource and step, kW (eq. 5 tightened).</param>
/// <param name="ExportMaxKw">The cap on Σ of the subsystem's exports per resource and step, kW; empty where no node on its path limits exports.</param>
public sealed record TightenedCaps(
    IReadOnlyDictionary<string, IReadOnlyList<double>> ImportMaxKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ExportMaxKw);
