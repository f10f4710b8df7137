namespace Sems.Grains;

/// <summary>Options of the SEMS grains (configuration section "Sems").</summary>
public sealed class SemsGrainOptions
{
    public const string Section = "Sems";

    /// <summary>Name of the grain storage provider every SEMS grain persists to.</summary>
    public const string Storage = "sems";

    /// <summary>Key of the <see cref="TimeProvider"/> the grains run on (keyed service), so simulations can run faster than real time.</summary>
    public const string Clock = "sems";

    /// <summary>How old a measurement may be to set an MPC initial state, and to be accepted at all.</summary>
    public TimeSpan MeasurementMaxAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far in the future a measurement's timestamp may lie (clock skew) before it is rejected.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Share of Δt (SEMS time) a coordination cycle may take: every subsystem's Plan, Resolve and CommitFirstStep must
    /// answer within what is left of it (converted to wall time through a scaled clock), or it counts as timed out.
    /// </summary>
    public double CycleBudgetFraction { get; set; } = 0.6;

    /// <summary>A wall-time deadline per subsystem call shorter than the cycle budget; null for the budget alone.</summary>
    public TimeSpan? CallTimeout { get; set; }

    /// <summary>Engine solves that may run at once in one silo (the solver pool); 0 for one per processor.</summary>
    public int SolverConcurrency { get; set; }

    /// <summary>
    /// Whether an infeasible solve is explained (the elastic re-solve) before the subsystem answers. False for live
    /// operation: the subsystem answers at once ("explanation pending") and the explanation runs afterwards on the solver
    /// pool, off the cycle's critical path, updating the plan's note and the result. True (the default) keeps one-shot
    /// runs such as <c>sems coordinate</c> complete.
    /// </summary>
    public bool ExplainInfeasibilityInCycle { get; set; } = true;

    /// <summary>
    /// The most subsystem calls one node coordinator has outstanding at once (and so the most solves one node queues on
    /// the silos' solver pools at a time).
    /// </summary>
    public int MaxCallsInFlight { get; set; } = 64;

    /// <summary>The most subsystems and child nodes one node coordinator calls; a node with more is split into groups of this size.</summary>
    public int NodeFanOut { get; set; } = 256;

    /// <summary>
    /// A district with one node (no grid) runs plan and commit through the node coordinator hierarchy from this many
    /// subsystems; below it, the coordinator calls its subsystems itself. A district with a grid always uses the hierarchy.
    /// </summary>
    public int HierarchyMinSubsystems { get; set; } = 512;

    /// <summary>
    /// Whether each subsystem keeps its MPC problem loaded between solves (a warm <c>SubsystemSession</c> per activation,
    /// in memory only): Plan and Resolve then write only what changed and re-solve from the previous basis. False
    /// solves every problem cold, as <c>SubsystemSolver.Solve</c>.
    /// </summary>
    public bool WarmSessions { get; set; } = true;

    /// <summary>
    /// Most warm sessions one silo keeps loaded (least recently used dropped first; its subsystem's next solve is then
    /// cold); 0 for no cap. One heat-network session holds about 3.5 MB of native and managed memory (0.5 MB of it
    /// managed; docs/benchmarks.md, "Warm starts"), so the default 500 bounds them at about 1.7 GB per silo.
    /// </summary>
    public int MaxWarmSessions { get; set; } = 500;

    /// <summary>
    /// Re-solves per batch of parallel priority coordination (Algorithm 1 with its re-solves proposed in parallel, the
    /// sequential result by construction), used for districts that coordinate through the node hierarchy; 1 runs them
    /// one at a time. One-node districts below <see cref="HierarchyMinSubsystems"/> always run one at a time.
    /// </summary>
    public int ResolveBatchSize { get; set; } = 16;

    /// <summary>Cycle reports the coordinator keeps.</summary>
    public int ReportsKept { get; set; } = 96;

    /// <summary>Plausible range of a state-space state measurement (°C for the thermal models SEMS ships).</summary>
    public double StateMin { get; set; } = -60;

    public double StateMax { get; set; } = 150;
}
