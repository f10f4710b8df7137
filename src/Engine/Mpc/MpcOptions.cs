using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>Options of the subsystem MPC problem (bind from configuration section "Mpc").</summary>
public sealed record MpcOptions
{
    public const string Section = "Mpc";

    /// <summary>K, the number of linear segments approximating the squared comfort slack ε² (eq. 22).</summary>
    public int SlackSegments { get; init; } = 8;

    /// <summary>R, the slack range (in the output's unit, e.g. °C) over which the approximation is exact to within R²/(4K²).</summary>
    public double SlackRange { get; init; } = 8.0;

    /// <summary>
    /// ρ, the ratio of successive breakpoints of the ε² model beyond R: each state-space output's model extends from R
    /// to the largest slack its band and physically reachable outputs allow, over-estimating ε² there by at most (ρ−1)²/4.
    /// </summary>
    public double SlackTailRatio { get; init; } = 1.25;

    /// <summary>Solver backends, time limit and MILP gap.</summary>
    public SolverSettings Solver { get; init; } = SolverSettings.Default;

    /// <summary>Re-solve an elastic version of an infeasible problem and explain, in words, what had to give.</summary>
    public bool ExplainInfeasibility { get; init; } = true;

    public static MpcOptions Default { get; } = new();

    /// <summary>Checks the options; returns the problems in words (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SlackSegments < 1) problems.Add($"Mpc.SlackSegments: {SlackSegments} is less than 1");
        if (!(SlackRange > 0) || !double.IsFinite(SlackRange)) problems.Add($"Mpc.SlackRange: {SlackRange} is not a positive finite number");
        if (!(SlackTailRatio > 1) || !double.IsFinite(SlackTailRatio)) problems.Add($"Mpc.SlackTailRatio: {SlackTailRatio} is not a finite number > 1");
        if (Solver.TimeLimit <= TimeSpan.Zero) problems.Add($"Mpc.Solver.TimeLimit: {Solver.TimeLimit} is not positive");
        if (!(Solver.RelativeGap >= 0) || Solver.RelativeGap >= 1) problems.Add($"Mpc.Solver.RelativeGap: {Solver.RelativeGap} is not in [0, 1)");
        return problems;
    }
}
