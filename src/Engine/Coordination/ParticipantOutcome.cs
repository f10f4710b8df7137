namespace Sems.Engine.Coordination;

/// <summary>What coordination did to one subsystem.</summary>
/// <param name="TightenedMaxKw">P̄max per tightened resource and step, kW; empty when the subsystem was not restricted.</param>
/// <param name="Resolved">Whether it was re-solved.</param>
/// <param name="Accepted">Whether its re-solved plan replaced the previous one (false: it kept its last feasible plan).</param>
/// <param name="Note">In words, e.g. "kept its last feasible plan: electricity draw above Pmax (eq. 5) …".</param>
public sealed record ParticipantOutcome(
    string Id,
    int Priority,
    IReadOnlyDictionary<string, IReadOnlyList<double>> TightenedMaxKw,
    bool Resolved,
    bool Accepted,
    string? Note)
{
    /// <summary>
    /// With the <c>horizonFallback</c> of <see cref="Algorithm1.RunCappedAsync"/>: the re-solve over the whole horizon was refused and the plan used
    /// meets <see cref="TightenedMaxKw"/> on its first this many steps (the caps beyond them are its own Pmax); null when
    /// the caps held over the whole horizon or no fallback was used.
    /// </summary>
    public int? CappedSteps { get; init; }

    /// <summary>The grid node the subsystem is connected to; null for the root.</summary>
    public string? Node { get; init; }

    /// <summary>The re-solve answer the algorithm used (the very instance the resolver returned); null when not re-solved.</summary>
    public ResolvedPlan? Plan { get; init; }

    /// <summary>
    /// Mode "priority-parallel": the answer came from a re-solve launched ahead on a predicted P̄max, proved to be the
    /// answer on <see cref="TightenedMaxKw"/>; <see cref="SolvedMaxKw"/> holds the P̄max it was solved with.
    /// </summary>
    public bool Speculative { get; init; }

    /// <summary>The P̄max the used answer was solved with, kW; equals <see cref="TightenedMaxKw"/> except for an accepted convex speculation.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>>? SolvedMaxKw { get; init; }

    /// <summary>
    /// The cap on the subsystem's total export per resource and step, kW, where a node on its path limits exports;
    /// empty when it was not restricted or exports nothing there.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> TightenedExportMaxKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>The export caps the used answer was solved with, kW; equal to <see cref="TightenedExportMaxKw"/> except for an accepted convex speculation.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>>? SolvedExportMaxKw { get; init; }
}
