using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems solve heat-network.json --json</c>: the contract's keys and shapes, and facts recomputed from the example file
/// (state-space network, thermal store, factor totals, objective terms).
/// </summary>
public sealed class HeatNetworkJsonTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    private readonly ExampleSolve solve = examples.HeatNetwork;

    [Fact]
    public void StdoutIsOnlyAJsonArrayWithOneObjectPerSubsystem()
    {
        Assert.Equal(0, solve.Run.ExitCode);
        var results = solve.Run.JsonArray(); // throws if stdout holds anything but JSON
        var ids = solve.District.GetProperty("subsystems").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, results.GetArrayLength());
        Assert.Equal(ids.OrderBy(i => i), results.EnumerateArray().Select(r => r.GetProperty("id").GetString()).OrderBy(i => i));
    }

    [Fact]
    public void ResultHasTheContractKeys()
    {
        var r = solve.Result;
        Assert.Equal("greenwich-heat", r.GetProperty("id").GetString());
        Assert.Equal("optimal", r.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, r.GetProperty("objective").ValueKind);
        var terms = r.GetProperty("terms");
        foreach (var key in new[] { "energy", "storage", "comfort" }) Assert.Equal(JsonValueKind.Number, terms.GetProperty(key).ValueKind);
        Assert.Equal(JsonValueKind.Object, terms.GetProperty("byFactor").ValueKind);
        foreach (var key in new[] { "draw", "supplies", "stores", "demands" }) Assert.Equal(JsonValueKind.Object, r.GetProperty(key).ValueKind);
        Assert.True(r.GetProperty("solveMs").GetDouble() >= 0);
    }

    [Fact]
    public void ArraysHaveTheContractLengths()
    {
        var r = solve.Result;
        Assert.Equal(["electricity", "gas"], r.GetProperty("draw").EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var draw in r.GetProperty("draw").EnumerateObject()) Assert.Equal(96, draw.Value.GetArrayLength());

        foreach (var supply in solve.Subsystem.GetProperty("supplies").EnumerateArray())
        {
            var conversions = r.GetProperty("supplies").GetProperty(supply.GetProperty("id").GetString()!);
            Assert.Equal(supply.GetProperty("conversions").GetArrayLength(), conversions.GetArrayLength());
            foreach (var conversion in conversions.EnumerateArray()) Assert.Equal(96, conversion.GetProperty("v").GetArrayLength());
        }

        var store = r.GetProperty("stores").GetProperty("thermal-store");
        Assert.Equal(97, store.GetProperty("soc").GetArrayLength());
        Assert.Equal(96, store.GetProperty("charge").GetArrayLength());
        Assert.Equal(96, store.GetProperty("discharge").GetArrayLength());

        var network = r.GetProperty("demands").GetProperty("network");
        Assert.Equal(96, network.GetProperty("y").GetArrayLength());
        Assert.Equal(96, network.GetProperty("slack").GetArrayLength());
    }

    [Fact]
    public void DrawPerResourceIsTheSumOfTheConversionsDrawingIt()
    {
        // Only the heat pump draws electricity and only the boiler draws gas (eq. 25).
        AssertSeries(solve.SupplyDraw("heat-pump"), solve.Draw("electricity"), 1e-9);
        AssertSeries(solve.SupplyDraw("gas-boiler"), solve.Draw("gas"), 1e-9);
    }

    [Fact]
    public void SuppliesStayWithinTheirBounds()
    {
        Assert.All(solve.SupplyDraw("heat-pump"), v => Assert.InRange(v, -1e-6, 60 + 1e-6));
        Assert.All(solve.SupplyDraw("gas-boiler"), v => Assert.InRange(v, -1e-6, 450 + 1e-6));
    }

    [Fact]
    public void StoreFollowsTheContractSocEquation()
    {
        var soc = solve.Store("thermal-store", "soc");
        var charge = solve.Store("thermal-store", "charge");
        var discharge = solve.Store("thermal-store", "discharge");
        const double dt = 0.25, eta = 0.95, retention = 0.998;

        Assert.Equal(200, soc[0], 1e-6);
        for (var i = 0; i < 96; i++)
        {
            var expected = retention * soc[i] - dt * discharge[i] / eta + dt * eta * charge[i];
            Assert.True(Math.Abs(expected - soc[i + 1]) < 1e-5, $"SoC[{i + 1}] = {soc[i + 1]}, expected {expected}");
            Assert.InRange(charge[i], -1e-6, 200 + 1e-6);
            Assert.InRange(discharge[i], -1e-6, 200 + 1e-6);
        }

        Assert.All(soc, s => Assert.InRange(s, -1e-6, 600 + 1e-6));
        Assert.True(soc[96] >= 200 - 1e-6, $"terminal atLeastInitial: SoC[96] = {soc[96]} < 200");
    }

    [Fact]
    public void NetworkOutputFollowsTheStateSpaceModelOfTheFile()
    {
        // x[i+1] = A x[i] + B_heat u_heat[i] + E d[i], y = C x, with u_heat the heat supplies and store deliver.
        var demand = solve.Subsystem.GetProperty("demands")[0];
        var a = demand.GetProperty("A")[0][0].GetDouble();
        var b = demand.GetProperty("B").GetProperty("heat")[0][0].GetDouble();
        var e = demand.GetProperty("E").GetProperty("outdoorTemp")[0][0].GetDouble();
        var c = demand.GetProperty("C")[0][0].GetDouble();
        var outdoor = ExampleFile.Series(solve.Subsystem.GetProperty("disturbances").GetProperty("outdoorTemp"), 96);
        var cop = ExampleFile.Series(solve.SupplyInFile("heat-pump").GetProperty("conversions")[0].GetProperty("efficiency"), 96);
        var boilerEfficiency = solve.SupplyInFile("gas-boiler").GetProperty("conversions")[0].GetProperty("efficiency").GetDouble();
        var hp = solve.SupplyDraw("heat-pump");
        var boiler = solve.SupplyDraw("gas-boiler");
        var charge = solve.Store("thermal-store", "charge");
        var discharge = solve.Store("thermal-store", "discharge");
        var y = ExampleFile.Doubles(solve.Result.GetProperty("demands").GetProperty("network").GetProperty("y"));

        var x = demand.GetProperty("x0")[0].GetDouble();
        for (var i = 0; i < 96; i++)
        {
            Assert.True(Math.Abs(c * x - y[i]) < 1e-4, $"y[{i}] = {y[i]}, model gives {c * x}");
            var heat = cop[i] * hp[i] + boilerEfficiency * boiler[i] + discharge[i] - charge[i];
            x = a * x + b * heat + e * outdoor[i];
        }
    }

    [Fact]
    public void SlackIsTheDistanceOutsideTheBand()
    {
        var network = solve.Result.GetProperty("demands").GetProperty("network");
        var y = ExampleFile.Doubles(network.GetProperty("y"));
        var slack = ExampleFile.Doubles(network.GetProperty("slack"));
        for (var i = 0; i < 96; i++)
        {
            var outside = Math.Max(0, Math.Max(60 - y[i], y[i] - 75));
            Assert.True(slack[i] >= outside - 1e-5, $"slack[{i}] = {slack[i]} does not cover y = {y[i]} outside 60–75");
            Assert.True(slack[i] <= outside + 1e-5, $"slack[{i}] = {slack[i]} exceeds the violation {outside} (y = {y[i]})");
        }
    }

    [Fact]
    public void FactorTotalsAreTheFileFactorsTimesEnergyDrawn()
    {
        var byFactor = solve.Result.GetProperty("terms").GetProperty("byFactor");
        Assert.Equal(Total("cost"), byFactor.GetProperty("cost").GetDouble(), 1e-4);
        Assert.Equal(Total("co2"), byFactor.GetProperty("co2").GetDouble(), 1e-4);
    }

    [Fact]
    public void ObjectiveTermsFollowEquation23()
    {
        var terms = solve.Result.GetProperty("terms");
        var slack = ExampleFile.Doubles(solve.Result.GetProperty("demands").GetProperty("network").GetProperty("slack"));

        // weights: energy 0.6, storage 0, comfort 0.4; α cost 1, co2 0; β = 0; γ = 4 per hour; Δt = 0.25 h; ε over i = 0…N.
        var terminal = solve.Result.GetProperty("demands").GetProperty("network").GetProperty("slackTerminal").GetDouble();
        Assert.Equal(0.6 * (1.0 * Total("cost") + 0.0 * Total("co2")), terms.GetProperty("energy").GetDouble(), 1e-4);
        Assert.Equal(0.0, terms.GetProperty("storage").GetDouble(), 1e-9);
        Assert.Equal(0.4 * 4.0 * 0.25 * (slack.Sum(s => s * s) + terminal * terminal), terms.GetProperty("comfort").GetDouble(), 1e-4);
        Assert.Equal(
            terms.GetProperty("energy").GetDouble() + terms.GetProperty("storage").GetDouble() + terms.GetProperty("comfort").GetDouble(),
            solve.Result.GetProperty("objective").GetDouble(),
            1e-6);
    }

    /// <summary>Σ_p Σ_i factor[p][i]·Δt·draw[p][i] over the resources drawn, factors read from the file.</summary>
    private double Total(string factor) =>
        new[] { "electricity", "gas" }.Sum(resource =>
        {
            var f = ExampleFile.Factor(solve.District, factor, resource, 96);
            var draw = solve.Draw(resource);
            return Enumerable.Range(0, 96).Sum(i => f[i] * 0.25 * draw[i]);
        });

    private static void AssertSeries(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"step {i}: expected {expected[i]}, got {actual[i]}");
    }
}
