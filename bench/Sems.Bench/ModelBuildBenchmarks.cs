using BenchmarkDotNet.Attributes;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Bench;

/// <summary>Building the solver-independent LinearProgram of one subsystem (SubsystemModelBuilder.Build) only.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class ModelBuildBenchmarks
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
    }

    [Benchmark]
    public SubsystemModel Build() => SubsystemModelBuilder.Build(_district, _subsystem, MpcOptions.Default);
}
