using BenchmarkDotNet.Attributes;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Bench;

/// <summary>
/// Solving a model built once in setup: OrToolsSolver.Solve, i.e. transferring the LinearProgram into a new OR-Tools
/// MPSolver plus GLOP (dual simplex, the default settings) plus copying the solution out.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class SolveBenchmarks
{
    private LinearProgram _program = null!;
    private SolverSettings _settings = null!;

    [Params(Examples.HeatNetwork, Examples.EvPvHub)]
    public string Example { get; set; } = Examples.HeatNetwork;

    [GlobalSetup]
    public void Setup()
    {
        var district = Examples.Load(Example);
        var model = SubsystemModelBuilder.Build(district, Examples.Subsystem(district), MpcOptions.Default);
        Examples.PrintSize(Example, model);
        _program = model.Program;
        _settings = MpcOptions.Default.Solver;
        var check = OrToolsSolver.Solve(_program, _settings);
        if (check.Status != SolveStatus.Optimal)
            throw new InvalidOperationException($"{Example}: expected an optimal solve, got {check.Status} {check.Message}");
    }

    [Benchmark]
    public LpSolution Solve() => OrToolsSolver.Solve(_program, _settings);
}
