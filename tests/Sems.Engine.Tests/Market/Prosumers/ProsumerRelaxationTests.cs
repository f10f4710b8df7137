using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>
/// The LP-first shortcut (and the branch and bound behind it) against always solving the MILP with SCIP, on 50 seeded
/// random prosumers of 24 hourly and 30 of 96 quarter-hourly steps: the same optimum, and a schedule that satisfies the
/// model's physics when checked step by step outside the solver.
/// </summary>
public sealed class ProsumerRelaxationTests
{
    private static readonly ProsumerSolverOptions MilpOnly = ProsumerSolverOptions.Default with { RelaxationFirst = false };
    private static readonly ProsumerSolverOptions RelaxationThenScip = ProsumerSolverOptions.Default with { NodeLimit = 0 };

    [Theory]
    [InlineData(24, 1, 50)]
    [InlineData(96, 101, 30)]
    public void The_relaxation_shortcut_finds_the_milp_optimum_on_random_prosumers(int steps, int firstSeed, int count)
    {
        var stepHours = 24.0 / steps;
        var paths = new Dictionary<ProsumerSolvePath, int>();
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var (prosumer, request) = ProsumerCases.Random(seed, steps);
            var fast = ProsumerSolver.Solve(prosumer, stepHours, request);
            var scip = ProsumerSolver.Solve(prosumer, stepHours, request, RelaxationThenScip);
            var milp = ProsumerSolver.Solve(prosumer, stepHours, request, MilpOnly);
            Assert.Null(fast.Problem);
            Assert.Null(scip.Problem);
            Assert.Null(milp.Problem);
            var hasBinaries = prosumer.Battery is not null || prosumer.FlexibleLoads.Count > 0;
            Assert.Equal(hasBinaries ? ProsumerSolvePath.Milp : ProsumerSolvePath.Relaxation, milp.Path);
            Assert.Equal(fast.Path == ProsumerSolvePath.Relaxation ? ProsumerSolvePath.Relaxation : ProsumerSolvePath.Milp, scip.Path);
            paths[fast.Path] = paths.GetValueOrDefault(fast.Path) + 1;
            var milpCost = Cost(milp);
            Assert.True(Math.Abs(Cost(fast) - milpCost) <= 1e-6, $"seed {seed}: LP-first {Cost(fast):R} ({fast.Path}, {fast.Nodes} nodes) against MILP {milpCost:R}");
            Assert.True(Math.Abs(Cost(scip) - milpCost) <= 1e-6, $"seed {seed}: LP then SCIP {Cost(scip):R} against MILP {milpCost:R}");
            // The relaxation is a lower bound of the MILP's optimum.
            Assert.True(fast.RelaxationObjective <= milpCost + 1e-9, $"seed {seed}: relaxation {fast.RelaxationObjective:R} above the MILP's {milpCost:R}");
            ProsumerCases.AssertFeasible(prosumer, request, stepHours, fast);
            ProsumerCases.AssertFeasible(prosumer, request, stepHours, milp);
        }

        // The sample exercises every path: the relaxation alone, and the branch and bound where the relaxation cheats.
        Assert.True(paths.GetValueOrDefault(ProsumerSolvePath.Relaxation) >= count / 5, $"relaxation answered {paths.GetValueOrDefault(ProsumerSolvePath.Relaxation)} of {count}");
        Assert.True(paths.GetValueOrDefault(ProsumerSolvePath.BranchAndBound) >= 3, $"branch and bound answered {paths.GetValueOrDefault(ProsumerSolvePath.BranchAndBound)} of {count}");
    }

    private static double Cost(ProsumerSolution s) => s.Schedule!.EnergyCost + s.Schedule.DiscomfortCost;
}
