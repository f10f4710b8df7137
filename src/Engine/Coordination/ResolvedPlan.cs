namespace Sems.Engine.Coordination;

/// <summary>What a subsystem answers when re-solved under tightened limits.</summary>
/// <param name="Accepted">True when it found a feasible plan within the limits; false when it keeps its last feasible plan.</param>
/// <param name="DrawKw">The new Psub when accepted.</param>
/// <param name="Reason">What happened when it was not accepted, in words (e.g. "kept its last feasible plan: …" with the infeasibility explanation).</param>
public sealed record ResolvedPlan(bool Accepted, IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw, string? Reason = null)
{
    /// <summary>The new export per resource and step when accepted, kW (Σ of the subsystem's exports); empty when it exports nothing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ExportKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>The subsystem gave no answer (it threw or missed its deadline), as opposed to refusing the caps; never retried.</summary>
    public bool Failed { get; init; }
}
