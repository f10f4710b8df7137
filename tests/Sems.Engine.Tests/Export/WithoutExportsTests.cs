using Sems.Engine.Coordination;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Tests.Export;

/// <summary>
/// A file without exports keeps its answers: no export variable enters its model, its net draw is its draw (the very
/// same series), and the worked coordination example gives the numbers worked by hand in the README (and asserted by
/// the CLI's coordinate tests): heat network tightened to [50, 10, 10, 50] kW, drawing [20, 10, 10, 20] kW, the
/// district [70, 100, 100, 70] kW, a cost of 3.25 GBP.
/// </summary>
public sealed class WithoutExportsTests
{
    public static TheoryData<string> ExampleFiles() =>
        new("heat-network.json", "ev-pv-hub.json", "boiler-commitment.json", "two-subsystems-limit.json", "two-feeders.json", "infeasible-boiler.json");

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void An_example_has_no_export_variable_and_its_net_draw_is_its_draw(string file)
    {
        var district = Load(file);
        Assert.Empty(district.ExportFactors);
        foreach (var subsystem in district.Subsystems)
        {
            var program = SubsystemModelBuilder.Build(district, subsystem).Program;
            Assert.DoesNotContain(Enumerable.Range(0, program.VariableCount), j => program.VariableName(j).Contains("exportKw", StringComparison.Ordinal));

            var result = SubsystemSolver.Solve(district, subsystem);
            Assert.Empty(result.ExportKw);
            Assert.Empty(result.Exports);
            Assert.Same(result.DrawKw, result.NetDrawKw);
            if (result.Terms is { } terms) Assert.Empty(terms.ExportValueByFactor);
        }
    }

    [Fact]
    public async Task The_worked_coordination_example_keeps_its_hand_worked_numbers()
    {
        var outcome = await LocalCoordinator.RunAsync(Load("two-subsystems-limit.json"));
        var report = outcome.Report;

        var heat = report.Participants.Single(p => p.Id == "heat-network");
        Assert.Equal([50.0, 10, 10, 50], ExportDistricts.Round(heat.TightenedMaxKw["electricity"]));
        Assert.Empty(heat.TightenedExportMaxKw);
        Assert.Equal([20.0, 10, 10, 20], ExportDistricts.Round(outcome.Final[0].DrawKw["electricity"]));
        Assert.Equal(3.25, outcome.Final[0].Terms!.ByFactor["cost"], 6);
        Assert.Equal([70.0, 100, 100, 70], ExportDistricts.Round(report.DrawAfterKw["electricity"]));
        Assert.Equal(5.0, report.ViolationBeforeKwh["electricity"], 6);
        var root = report.Nodes.Single().Value["electricity"];
        Assert.Null(root.ExportLimitKw);
        Assert.Equal([0.0, 0, 0, 0], root.ExportExcessBeforeKw);
        Assert.Equal(0.0, root.ExportViolationBeforeKwh);
    }

    [Fact]
    public async Task The_two_feeders_example_keeps_its_node_draws_before_coordination()
    {
        // As CoordinateGridTests asserts: feeder-a [50, 80, 60, 50] kW before (20 kW over at step 1), the substation [80, 100, 110, 110] kW.
        var outcome = await LocalCoordinator.RunAsync(Load("two-feeders.json"));

        Assert.Equal([50.0, 80, 60, 50], ExportDistricts.Round(outcome.Report.Nodes["feeder-a"]["electricity"].DrawBeforeKw));
        Assert.Equal([80.0, 100, 110, 110], ExportDistricts.Round(outcome.Report.Nodes["substation"]["electricity"].DrawBeforeKw));
        Assert.True(outcome.Report.LimitsHold);
        Assert.All(outcome.Report.Participants, p => Assert.Empty(p.TightenedExportMaxKw));
    }

    private static District Load(string file)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "examples", file);
            if (File.Exists(path)) return DistrictReader.Read(File.ReadAllText(path)).GetDistrictOrThrow();
        }

        throw new FileNotFoundException($"examples/{file} not found above {AppContext.BaseDirectory}");
    }
}
