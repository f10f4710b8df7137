using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// Small hand-written districts: Δt = stepMinutes/60 enters the SoC equation and the factor totals, and
/// stepMinutes/horizonSteps default to 15/96.
/// </summary>
public sealed class StepLengthTests
{
    private const string HourlyBattery = """
        { "name": "hourly", "stepMinutes": 60, "horizonSteps": 4,
          "factors": { "cost": { "electricity": [0.1, 0.2, 0.3, 0.4] }, "co2": { "electricity": 0.5 } },
          "subsystems": [ { "id": "home", "priority": 1,
            "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": 100 } ], "feedsStores": true } ],
            "stores": [ { "id": "bat", "energyType": "power", "socMin": 0, "socMax": 50, "socInitial": 10,
                          "chargeEfficiency": 0.9, "dischargeEfficiency": 0.8, "retention": 0.95,
                          "chargeMin": 0, "chargeMax": 20, "dischargeMin": 0, "dischargeMax": 20, "penalty": 0, "terminal": "none" } ],
            "demands": [ { "id": "load", "energyType": "power", "kind": "series", "values": [5, 5, 30, 30] } ],
            "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1, "co2": 0 } } } ] }
        """;

    private const string DefaultSteps = """
        { "name": "defaults",
          "factors": { "cost": { "electricity": 0.2 } },
          "subsystems": [ { "id": "flat", "priority": 1,
            "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": 100 } ] } ],
            "demands": [ { "id": "load", "energyType": "power", "kind": "series", "values": 10 } ],
            "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } } ] }
        """;

    [Fact]
    public void HourlyStepsUseOneHourInSocAndCost()
    {
        var result = Solve(HourlyBattery, "home");
        var v = ExampleFile.Doubles(result.GetProperty("supplies").GetProperty("grid")[0].GetProperty("v"));
        var store = result.GetProperty("stores").GetProperty("bat");
        var soc = ExampleFile.Doubles(store.GetProperty("soc"));
        var charge = ExampleFile.Doubles(store.GetProperty("charge"));
        var discharge = ExampleFile.Doubles(store.GetProperty("discharge"));
        double[] load = [5, 5, 30, 30];
        double[] price = [0.1, 0.2, 0.3, 0.4];

        Assert.Equal(4, v.Length);
        Assert.Equal(5, soc.Length);
        Assert.Equal(10, soc[0], 1e-9);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(load[i], v[i] + discharge[i] - charge[i], 1e-5);
            Assert.Equal(0.95 * soc[i] - 1.0 * discharge[i] / 0.8 + 1.0 * 0.9 * charge[i], soc[i + 1], 1e-5);
        }

        var byFactor = result.GetProperty("terms").GetProperty("byFactor");
        Assert.Equal(Enumerable.Range(0, 4).Sum(i => price[i] * 1.0 * v[i]), byFactor.GetProperty("cost").GetDouble(), 1e-5);
        Assert.Equal(0.5 * v.Sum(), byFactor.GetProperty("co2").GetDouble(), 1e-5);
        // Running the load from the grid alone costs 22.5; storing cheap early energy must not cost more.
        Assert.True(result.GetProperty("objective").GetDouble() <= 22.5 + 1e-6);
    }

    [Fact]
    public void OmittedStepMinutesAndHorizonDefaultTo15And96()
    {
        var result = Solve(DefaultSteps, "flat");
        var draw = ExampleFile.Doubles(result.GetProperty("draw").GetProperty("electricity"));

        Assert.Equal(96, draw.Length);
        Assert.All(draw, d => Assert.Equal(10, d, 1e-6));
        // 96 steps × 0.25 h × 10 kW × 0.2 per kWh
        Assert.Equal(48.0, result.GetProperty("terms").GetProperty("byFactor").GetProperty("cost").GetDouble(), 1e-5);
        Assert.Equal(48.0, result.GetProperty("objective").GetDouble(), 1e-5);
    }

    private static System.Text.Json.JsonElement Solve(string json, string id)
    {
        using var temp = new TempDirectory();
        var file = temp.File("district.json");
        File.WriteAllText(file, json);
        var run = CliRun.Invoke("solve", file, "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("optimal", run.Subsystem(id).GetProperty("status").GetString());
        return run.Subsystem(id);
    }
}
