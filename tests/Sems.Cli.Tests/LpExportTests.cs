using Xunit;

namespace Sems.Cli.Tests;

/// <summary><c>sems solve --lp DIR</c> writes the model in LP format with the coefficients worked out by hand.</summary>
public sealed class LpExportTests
{
    [Fact]
    public void A_boiler_meeting_a_fixed_demand_exports_its_objective_rows_and_bounds()
    {
        // 2 steps of 15 min, gas at 0.1/kWh, φ_nrg = 1: objective 0.1 × 0.25 = 0.025 per kW of gas per step;
        // heat balance (eq. 18): 0.9 × gas = 90 at each step; bounds 0 ≤ gas ≤ 200.
        var folder = Path.Combine(Path.GetTempPath(), $"sems-lp-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "district.json");
        Directory.CreateDirectory(folder);
        File.WriteAllText(file, """
            { "name": "lp", "stepMinutes": 15, "horizonSteps": 2, "factors": { "cost": { "gas": 0.1 } },
              "subsystems": [ { "id": "b", "priority": 1,
                "supplies": [ { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 200 } ] } ],
                "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 90 } ],
                "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } } ] }
            """);
        try
        {
            var run = CliRun.Invoke("solve", file, "--lp", Path.Combine(folder, "lp"));
            Assert.Equal(0, run.ExitCode);
            var lp = File.ReadAllText(Path.Combine(folder, "lp", "b.lp"));
            Assert.Contains(" obj: + 0.025 boiler.gasDrawKw_0_ + 0.025 boiler.gasDrawKw_1_", lp);
            Assert.Contains("heatBalanceKw_0__0: + 0.9 boiler.gasDrawKw_0_ = 90", lp);
            Assert.Contains("heatBalanceKw_1__1: + 0.9 boiler.gasDrawKw_1_ = 90", lp);
            Assert.Contains(" 0 <= boiler.gasDrawKw_0_ <= 200", lp);
            Assert.EndsWith("End\n", lp);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
