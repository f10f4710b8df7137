using System.Text.Json.Nodes;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// A district of two subsystems (the heat network and the undersized boiler block): one object per subsystem,
/// each solved on its own, and exit code 1 because one has no plan.
/// </summary>
public sealed class MultiSubsystemTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    [Fact]
    public void OneObjectPerSubsystemAndExitOneWhenAnyIsInfeasible()
    {
        using var temp = new TempDirectory();
        var district = ExampleFile.LoadNode(ExampleFile.HeatNetwork);
        var block = ExampleFile.LoadNode(ExampleFile.InfeasibleBoiler)["subsystems"]![0]!.DeepClone();
        block["priority"] = 2;
        district["subsystems"]!.AsArray().Add(block);
        var file = temp.File("two-subsystems.json");
        File.WriteAllText(file, district.ToJsonString());

        var run = CliRun.Invoke("solve", file, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.JsonArray().GetArrayLength());
        var heat = run.Subsystem("greenwich-heat");
        Assert.Equal("optimal", heat.GetProperty("status").GetString());
        Assert.Equal("infeasible", run.Subsystem("block-b").GetProperty("status").GetString());
        // Without coordination each subsystem's problem is its own: the same optimum as in the one-subsystem file.
        Assert.Equal(examples.HeatNetwork.Result.GetProperty("objective").GetDouble(), heat.GetProperty("objective").GetDouble(), 1e-6);
    }

    [Fact]
    public void TableListsEverySubsystem()
    {
        using var temp = new TempDirectory();
        var district = ExampleFile.LoadNode(ExampleFile.HeatNetwork);
        var copy = district["subsystems"]![0]!.DeepClone();
        copy["id"] = "greenwich-heat-east";
        copy["priority"] = 2;
        district["subsystems"]!.AsArray().Add(copy);
        var file = temp.File("two-networks.json");
        File.WriteAllText(file, district.ToJsonString());

        var run = CliRun.Invoke("solve", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("greenwich-heat (", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("greenwich-heat-east", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, run.Stdout.Split('\n').Count(l => l.Contains("optimal", StringComparison.Ordinal)));
        _ = examples; // fixture shared for the other test
    }
}
