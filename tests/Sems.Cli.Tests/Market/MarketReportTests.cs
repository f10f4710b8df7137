using System.Globalization;
using Sems.Silo.Cli;
using Sems.Silo.Reporting;
using Xunit;

namespace Sems.Cli.Tests.Market;

/// <summary>The demo report's "Local energy market" section: the demo community built in, run through the grains, written as a report.</summary>
public sealed class MarketReportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_demo_community_runs_through_the_grains_into_a_section_with_its_bills_prices_and_trace()
    {
        var community = MarketReport.DemoCommunity();
        Assert.Equal("bilbao-ped", community.Name);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var outcome = await MarketRunCommand.RunOnce(community, stderr);
        Assert.NotNull(outcome);

        var section = MarketReport.Section(outcome);
        Assert.Equal("Local energy market", section.Heading);
        var bills = Assert.Single(section.Tables, t => t.Title.StartsWith("Bills with and without the market", StringComparison.Ordinal));
        Assert.Equal(community.Prosumers.Select(p => p.Id).Append("community"), bills.Rows.Select(r => r[0]));
        // Every row's saving is its bill alone minus its bill in the market, and the community row sums the members.
        double Cell(IReadOnlyList<string> row, int column) => double.Parse(row[column], CultureInfo.InvariantCulture);
        Assert.All(bills.Rows, r => Assert.Equal(Cell(r, 2) - Cell(r, 3), Cell(r, 4), 9));
        for (var column = 2; column <= 4; column++) Assert.Equal(bills.Rows.SkipLast(1).Sum(r => Cell(r, column)), Cell(bills.Rows[^1], column), 9);
        var steps = Assert.Single(section.Tables, t => t.Title.StartsWith("Prices and trades per step", StringComparison.Ordinal));
        Assert.Equal(community.Steps, steps.Rows.Count);
        var trace = Assert.Single(section.Tables, t => t.Title.StartsWith("Convergence per iteration", StringComparison.Ordinal));
        Assert.Equal(outcome.Iterations + 1, trace.Rows.Count);
        Assert.Equal(["market-prices.png", "market-trades.png", "market-convergence.png"], section.Figures.Select(f => f.FileName));

        var index = ReportWriter.Write(_dir.Path, "market", "the demo's market section alone", [section]);
        var html = File.ReadAllText(index);
        Assert.Contains("Local energy market", html, StringComparison.Ordinal);
        Assert.Contains("Bills with and without the market", html, StringComparison.Ordinal);
        Assert.All(section.Figures, f => Assert.True(new FileInfo(_dir.File(f.FileName)).Length > 0, f.FileName));
        Assert.True(File.Exists(_dir.File("market-steps.csv")));
        Assert.Equal(community.Steps + 1, File.ReadAllLines(_dir.File("market-steps.csv")).Length);
    }
}
