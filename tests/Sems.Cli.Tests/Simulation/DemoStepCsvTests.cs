using Xunit;

namespace Sems.Cli.Tests.Simulation;

/// <summary><c>sems demo</c> writes one step CSV per run: 5 heat-network weightings + 2 EV/PV cases + 3 coordinated runs = 10, and the demo community's market.</summary>
public sealed class DemoStepCsvTests
{
    [Fact]
    public void A_short_demo_writes_a_step_csv_for_each_of_its_ten_runs()
    {
        using var temp = new TempDirectory();
        var output = temp.File("report");

        var run = CliRun.Invoke("demo", "--days", "0.25", "--out", output);

        Assert.Equal(0, run.ExitCode);
        var expected = new[]
        {
            "both-coordinated-ml-steps.csv", "both-coordinated-steps.csv", "both-uncoordinated-steps.csv",
            "ev-delay-steps.csv", "ev-no-delay-steps.csv",
            "heat-a-steps.csv", "heat-b-steps.csv", "heat-c-steps.csv", "heat-d-steps.csv", "heat-e-steps.csv",
            "market-steps.csv",
        };
        Assert.Equal(expected, Directory.GetFiles(output, "*-steps.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // 0.25 days of 15-minute steps: a header and 24 rows in each; the market's day of 24 hourly steps: the same count.
        Assert.All(Directory.GetFiles(output, "*-steps.csv"), f => Assert.Equal(25, File.ReadAllLines(f).Length));
        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
    }
}
