using System.Globalization;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// infeasible-boiler.json: a boiler of at most 100 kW gas at efficiency 0.9 (90 kW heat) against a heat demand that
/// reaches 102.5 kW at steps 68–75. The CLI must say infeasible and name the heat balance, the shortfall and the steps.
/// </summary>
public sealed class InfeasibleBoilerTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    private readonly ExampleSolve solve = examples.InfeasibleBoiler;

    [Fact]
    public void ShortfallRecomputedFromTheFileIs12Point5KwAtSteps68To75()
    {
        var (shortfall, first, last) = Shortfall();

        Assert.Equal(12.5, shortfall, 1e-9);
        Assert.Equal(68, first);
        Assert.Equal(75, last);
    }

    [Fact]
    public void JsonSaysInfeasibleAndExitsOne()
    {
        Assert.Equal(1, solve.Run.ExitCode);
        Assert.Equal(1, solve.Run.JsonArray().GetArrayLength());
        Assert.Equal("infeasible", solve.Result.GetProperty("status").GetString());
    }

    [Fact]
    public void JsonExplanationNamesHeatBalanceShortfallAndSteps()
    {
        var explanation = solve.Result.GetProperty("explanation").GetString();

        Assert.Contains(ExpectedPhrase(), explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonInfeasibilityFindingCarriesTheNumbers()
    {
        var (shortfall, first, last) = Shortfall();
        var finding = Assert.Single(
            solve.Result.GetProperty("infeasibility").EnumerateArray(),
            f => f.GetProperty("message").GetString()!.Contains("heat balance", StringComparison.Ordinal));

        Assert.Equal(first, finding.GetProperty("firstStep").GetInt32());
        Assert.Equal(last, finding.GetProperty("lastStep").GetInt32());
        Assert.Equal(shortfall, finding.GetProperty("maxViolation").GetDouble(), 1e-6);
        Assert.Equal("kW", finding.GetProperty("unit").GetString());
    }

    [Fact]
    public void TableNamesHeatBalanceShortfallAndSteps()
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.InfeasibleBoiler));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("block-b", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("infeasible", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(ExpectedPhrase(), run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCsvIsWrittenForASubsystemWithoutAPlan()
    {
        Assert.False(File.Exists(Path.Combine(solve.CsvDirectory, "block-b", "draw.csv")));
    }

    private string ExpectedPhrase()
    {
        var (shortfall, first, last) = Shortfall();
        return string.Create(CultureInfo.InvariantCulture, $"heat balance (eq. 18) short by {shortfall:0.###} kW at steps {first}–{last}");
    }

    /// <summary>Largest heat demand minus the boiler's maximum heat output, and the first and last step where it is short.</summary>
    private (double Shortfall, int First, int Last) Shortfall()
    {
        var subsystem = solve.Subsystem;
        var conversion = subsystem.GetProperty("supplies")[0].GetProperty("conversions")[0];
        var maxHeat = conversion.GetProperty("efficiency").GetDouble() * conversion.GetProperty("max").GetDouble();
        var demand = ExampleFile.Series(subsystem.GetProperty("demands")[0].GetProperty("values"), solve.N);
        var shortSteps = Enumerable.Range(0, demand.Length).Where(i => demand[i] > maxHeat + 1e-9).ToList();
        Assert.NotEmpty(shortSteps);
        Assert.Equal(Enumerable.Range(shortSteps[0], shortSteps.Count), shortSteps); // one contiguous block
        return (Math.Round(demand.Max() - maxHeat, 9), shortSteps[0], shortSteps[^1]);
    }
}
