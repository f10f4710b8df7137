using BenchmarkDotNet.Attributes;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Bench;

/// <summary>The whole subsystem MPC step of the LP examples: build + solve + read-back (SubsystemSolver.Solve).</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private District _district = null!;
    private Subsystem _subsystem = null!;

    [Params(Examples.HeatNetwork, Examples.EvPvHub)]
    public string Example { get; set; } = Examples.HeatNetwork;

    [GlobalSetup]
    public void Setup()
    {
        _district = Examples.Load(Example);
        _subsystem = Examples.Subsystem(_district);
        Examples.PrintSize(Example, SubsystemModelBuilder.Build(_district, _subsystem, MpcOptions.Default));
        var check = SubsystemSolver.Solve(_district, _subsystem, MpcOptions.Default);
        if (check.Status != SolveStatus.Optimal)
            throw new InvalidOperationException($"{Example}: expected an optimal solve, got {check.Status} {check.Message}");
    }

    [Benchmark]
    public SubsystemResult BuildSolveRead() => SubsystemSolver.Solve(_district, _subsystem, MpcOptions.Default);
}
