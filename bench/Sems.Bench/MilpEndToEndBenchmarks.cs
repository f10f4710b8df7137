using BenchmarkDotNet.Attributes;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Bench;

/// <summary>
/// The MILP example (boiler-commitment.json: on/off and start binaries) end to end: build + SCIP solve + read-back
/// (SubsystemSolver.Solve with the default settings, relative gap 1e-4).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MilpEndToEndBenchmarks
{
    private District _district = null!;
    private Subsystem _subsystem = null!;

    [GlobalSetup]
    public void Setup()
    {
        _district = Examples.Load(Examples.BoilerCommitment);
        _subsystem = Examples.Subsystem(_district);
        Examples.PrintSize(Examples.BoilerCommitment, SubsystemModelBuilder.Build(_district, _subsystem, MpcOptions.Default));
        var check = SubsystemSolver.Solve(_district, _subsystem, MpcOptions.Default);
        if (!check.HasPlan)
            throw new InvalidOperationException($"{Examples.BoilerCommitment}: expected a plan, got {check.Status} {check.Message}");
    }

    [Benchmark]
    public SubsystemResult BoilerCommitment() => SubsystemSolver.Solve(_district, _subsystem, MpcOptions.Default);
}
