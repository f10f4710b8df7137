using BenchmarkDotNet.Attributes;
using Sems.Engine.Flexibility;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Bench;

/// <summary>
/// One flexibility analysis of an example's electricity draw (FlexibilityAnalyzer.Analyze: the floor's re-solve from
/// scratch, the plan's problem loaded once, the ceiling and every step's two one-sided probes as warm re-solves),
/// beside the plan's own solve (SubsystemSolver.Solve, build + solve) as the baseline it is a multiple of.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class FlexibilityBenchmarks
{
    private District _district = null!;
    private Subsystem _subsystem = null!;
    private SubsystemResult _plan = null!;

    [Params(Examples.HeatNetwork, Examples.EvPvHub, Examples.BoilerCommitment)]
    public string Example { get; set; } = Examples.HeatNetwork;

    [GlobalSetup]
    public void Setup()
    {
        _district = Examples.Load(Example);
        _subsystem = Examples.Subsystem(_district);
        Examples.PrintSize(Example, SubsystemModelBuilder.Build(_district, _subsystem, MpcOptions.Default));
        _plan = SubsystemSolver.Solve(_district, _subsystem, MpcOptions.Default);
        if (!_plan.HasPlan) throw new InvalidOperationException($"{Example}: expected a plan, got {_plan.Status} {_plan.Message}");
        var check = Analyze();
        Console.WriteLine($"// SEMS flexibility {Example}: {check.ColdSolves} solves from scratch, {check.WarmSolves} warm re-solves, floor at limit: {check.FloorAtLimit}");
    }

    [Benchmark(Baseline = true)]
    public SubsystemResult Plan() => SubsystemSolver.Solve(_district, _subsystem, MpcOptions.Default);

    [Benchmark]
    public SubsystemFlexibility Analyze() => FlexibilityAnalyzer.Analyze(_district, _subsystem, "electricity", MpcOptions.Default, _plan);
}
