namespace Sems.Engine.Market;

/// <summary>What <see cref="ProsumerSolver.Solve"/> found for one prosumer and one request.</summary>
/// <param name="Schedule">The least-cost schedule at the request's prices; null with a problem.</param>
/// <param name="Dispatch">How its assets run in that schedule; null with a problem.</param>
/// <param name="Problem">Why there is no schedule (infeasible: which step is how many kW short; a solver failure); null with a schedule.</param>
public sealed record ProsumerSolution(ProsumerSchedule? Schedule, ProsumerDispatch? Dispatch, string? Problem)
{
    /// <summary>Which solve gave the answer.</summary>
    public ProsumerSolvePath Path { get; init; }

    /// <summary>The objective of the LP relaxation, currency (a lower bound on the schedule's cost); NaN when it was not solved or had no optimum.</summary>
    public double RelaxationObjective { get; init; } = double.NaN;

    /// <summary>The relaxations the branch and bound solved (0 on the other paths).</summary>
    public int Nodes { get; init; }
}
