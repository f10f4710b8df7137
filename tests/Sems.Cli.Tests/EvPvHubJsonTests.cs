using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems solve ev-pv-hub.json --json</c>: energy balance (eq. 18), the delayable-demand store, PV availability,
/// factor totals and objective terms, all recomputed from the example file.
/// </summary>
public sealed class EvPvHubJsonTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    private const int N = 96;
    private const double Dt = 0.25;
    private readonly ExampleSolve solve = examples.EvPvHub;

    [Fact]
    public void SolvesOptimallyWithOnlyJsonOnStdout()
    {
        Assert.Equal(0, solve.Run.ExitCode);
        Assert.Equal(1, solve.Run.JsonArray().GetArrayLength());
        Assert.Equal("optimal", solve.Result.GetProperty("status").GetString());
        Assert.Equal(["electricity", "solar"], solve.Result.GetProperty("draw").EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void PowerBalanceMeetsTheEvDemandAtEveryStep()
    {
        // Grid and PV have efficiency 1, so u = v; eq. 18: Σ u + discharge − charge = demand.
        var demand = ExampleFile.Series(solve.Subsystem.GetProperty("demands")[0].GetProperty("values"), N);
        var grid = solve.SupplyDraw("grid");
        var pv = solve.SupplyDraw("pv");
        var charge = solve.Store("ev-delay", "charge");
        var discharge = solve.Store("ev-delay", "discharge");

        for (var i = 0; i < N; i++)
        {
            var supplied = grid[i] + pv[i] + discharge[i] - charge[i];
            Assert.True(Math.Abs(supplied - demand[i]) <= 1e-6, $"step {i}: supplied {supplied} kW, EV demand {demand[i]} kW");
        }
    }

    [Fact]
    public void DelayStoreFollowsTheSocEquationAndItsBounds()
    {
        var soc = solve.Store("ev-delay", "soc");
        var charge = solve.Store("ev-delay", "charge");
        var discharge = solve.Store("ev-delay", "discharge");
        var dischargeMax = ExampleFile.Series(solve.StoreInFile("ev-delay").GetProperty("dischargeMax"), N);

        Assert.Equal(97, soc.Length);
        Assert.Equal(0, soc[0], 1e-9);
        for (var i = 0; i < N; i++)
        {
            // chargeEfficiency, dischargeEfficiency and retention are 1 in the file.
            var expected = soc[i] - Dt * discharge[i] + Dt * charge[i];
            Assert.True(Math.Abs(expected - soc[i + 1]) <= 2e-6, $"SoC[{i + 1}] = {soc[i + 1]}, expected {expected}");
            Assert.InRange(charge[i], -1e-6, 200 + 1e-6);
            Assert.InRange(discharge[i], -1e-6, dischargeMax[i] + 1e-6);
        }

        Assert.All(soc, s => Assert.InRange(s, -600 - 1e-6, 1e-6));
        Assert.True(Math.Abs(soc[N]) <= 1e-6, $"returnToInitial: SoC[96] = {soc[N]}, expected 0");
    }

    [Fact]
    public void PvNeverExceedsTheAvailablePower()
    {
        var available = ExampleFile.Series(solve.Subsystem.GetProperty("resources").GetProperty("solar").GetProperty("max"), N);
        var pv = solve.SupplyDraw("pv");
        for (var i = 0; i < N; i++)
            Assert.True(pv[i] >= -1e-6 && pv[i] <= available[i] + 1e-6, $"step {i}: PV {pv[i]} kW, available {available[i]} kW");
        Assert.All(solve.SupplyDraw("grid"), v => Assert.InRange(v, -1e-6, 400 + 1e-6));
    }

    [Fact]
    public void DrawIsTheGridAndPvConversions()
    {
        var grid = solve.SupplyDraw("grid");
        var pv = solve.SupplyDraw("pv");
        var electricity = solve.Draw("electricity");
        var solar = solve.Draw("solar");
        for (var i = 0; i < N; i++)
        {
            Assert.Equal(grid[i], electricity[i], 1e-9);
            Assert.Equal(pv[i], solar[i], 1e-9);
        }
    }

    [Fact]
    public void CostIsThePriceTimesGridEnergy()
    {
        var price = ExampleFile.Series(solve.District.GetProperty("factors").GetProperty("cost").GetProperty("electricity"), N);
        var solarCost = ExampleFile.Series(solve.District.GetProperty("factors").GetProperty("cost").GetProperty("solar"), N);
        var co2 = ExampleFile.Series(solve.District.GetProperty("factors").GetProperty("co2").GetProperty("electricity"), N);
        var grid = solve.Draw("electricity");
        var pv = solve.Draw("solar");

        var cost = Enumerable.Range(0, N).Sum(i => price[i] * Dt * grid[i] + solarCost[i] * Dt * pv[i]);
        var kgCo2 = Enumerable.Range(0, N).Sum(i => co2[i] * Dt * grid[i]);

        var byFactor = solve.Result.GetProperty("terms").GetProperty("byFactor");
        Assert.Equal(cost, byFactor.GetProperty("cost").GetDouble(), 1e-4);
        Assert.Equal(kgCo2, byFactor.GetProperty("co2").GetDouble(), 1e-4);
    }

    [Fact]
    public void ObjectiveTermsFollowEquation23()
    {
        // weights: energy 0.95, storage 0.05, comfort 0; α cost 1, co2 0; β = −0.008 per kWh per hour, Δt = 0.25 h.
        var terms = solve.Result.GetProperty("terms");
        var byFactor = terms.GetProperty("byFactor");
        var soc = solve.Store("ev-delay", "soc");

        var energy = 0.95 * (1.0 * byFactor.GetProperty("cost").GetDouble() + 0.0 * byFactor.GetProperty("co2").GetDouble());
        var storage = 0.05 * Enumerable.Range(0, N).Sum(i => -0.008 * 0.25 * soc[i]);

        Assert.Equal(energy, terms.GetProperty("energy").GetDouble(), 1e-6);
        Assert.Equal(storage, terms.GetProperty("storage").GetDouble(), 1e-6);
        Assert.Equal(0.0, terms.GetProperty("comfort").GetDouble(), 1e-9);
        Assert.Equal(energy + storage, solve.Result.GetProperty("objective").GetDouble(), 1e-5);
    }
}
