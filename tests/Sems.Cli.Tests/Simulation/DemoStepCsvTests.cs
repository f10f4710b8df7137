using Xunit;

namespace Sems.Cli.Tests.Simulation;

/// <summary><c>sems demo</c> writes one step CSV per run: 5 heat-network weightings on each of 2 price sets + the store run + 2 EV/PV cases + 3 coordinated runs = 16, and the demo community's market.</summary>
public sealed class DemoStepCsvTests
{
    [Fact]
    public void A_short_demo_writes_a_step_csv_for_each_of_its_sixteen_runs()
    {
        using var temp = new TempDirectory();
        var output = temp.File("report");

        var run = CliRun.Invoke("demo", "--days", "0.25", "--out", output);

        Assert.Equal(0, run.ExitCode);
        var expected = new[]
        {
            "both-coordinated-ml-steps.csv", "both-coordinated-steps.csv", "both-uncoordinated-steps.csv",
            "ev-delay-steps.csv", "ev-no-delay-steps.csv",
            "heat-2018-a-steps.csv", "heat-2018-b-steps.csv", "heat-2018-c-steps.csv", "heat-2018-d-steps.csv", "heat-2018-e-steps.csv",
            "heat-a-steps.csv", "heat-b-steps.csv", "heat-c-steps.csv", "heat-d-steps.csv", "heat-e-steps.csv",
            "heat-store-2018-a-steps.csv", "market-steps.csv",
        };
        Assert.Equal(expected, Directory.GetFiles(output, "*-steps.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // 0.25 days of 15-minute steps: a header and 24 rows in each; the market's day of 24 hourly steps: the same count.
        Assert.All(Directory.GetFiles(output, "*-steps.csv"), f => Assert.Equal(25, File.ReadAllLines(f).Length));
        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
    }
}
