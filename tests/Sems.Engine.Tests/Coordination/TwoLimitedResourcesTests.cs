using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// A tightened subsystem is capped on every district-limited resource it draws, not only on the one in excess, so its
/// re-solve cannot move the violation onto another limited resource.
/// </summary>
public sealed class TwoLimitedResourcesTests
{
    // The worked example plus an oil boiler (η 0.8 at 0.25/kWh: 0.3125 per kWh of heat) and a gas limit of 20 kW.
    // Heat per kWh: heat pump 0.15/3 = 0.05, gas boiler 0.06/0.9 = 0.0667, oil 0.3125.
    private const string District = """
        {
          "name": "two-limited-resources", "stepMinutes": 15, "horizonSteps": 4,
          "factors": { "cost": { "electricity": 0.15, "gas": 0.06, "oil": 0.25 } },
          "districtLimits": { "electricity": 100, "gas": 20 },
          "subsystems": [
            {
              "id": "heat-network", "priority": 1,
              "supplies": [
                { "id": "heat-pump", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 3, "min": 0, "max": 30 } ] },
                { "id": "gas-boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "min": 0, "max": 200 } ] },
                { "id": "oil-boiler", "conversions": [ { "resource": "oil", "energyType": "heat", "efficiency": 0.8, "min": 0, "max": 200 } ] }
              ],
              "demands": [ { "id": "space-heat", "kind": "series", "energyType": "heat", "values": 60 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } }
            },
            {
              "id": "ev-hub", "priority": 2,
              "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": 200 } ] } ],
              "demands": [ { "id": "chargers", "kind": "series", "energyType": "power", "values": [50, 90, 90, 50] } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } }
            }
          ]
        }
        """;

    [Fact]
    public async Task A_resolve_cannot_move_an_electricity_violation_onto_the_gas_limit()
    {
        // Before: heat pump 20 kW (60 kW heat), EV [50, 90, 90, 50]: electricity Ptot [70, 110, 110, 70], Pex [0, 10, 10, 0];
        // gas Ptot 0. The heat network (priority 1) is capped on electricity at Plim − (Ptot − Psub) = [50, 10, 10, 50]
        // and on gas at 20 − (0 − 0) = 20. At steps 1–2 the heat pump gives 30 kW heat, the gas boiler its cap 20 kW gas
        // (18 kW heat), the oil boiler the remaining 12 kW heat (15 kW oil). Capped on electricity alone, the gas boiler
        // would burn 30/0.9 = 33.33 kW gas: 13.33 kW over the gas limit.
        var district = DistrictReader.Read(District).GetDistrictOrThrow();
        var outcome = await LocalCoordinator.RunAsync(district);
        var report = outcome.Report;

        Assert.Equal((1, 1), (report.Rounds, report.Resolves));
        var heat = report.Participants.Single(p => p.Id == "heat-network");
        Assert.True(heat.Accepted);
        Assert.Equal([50.0, 10, 10, 50], heat.TightenedMaxKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal([20.0, 20, 20, 20], heat.TightenedMaxKw["gas"].Select(v => Math.Round(v, 6)));
        Assert.False(heat.TightenedMaxKw.ContainsKey("oil"));

        var plan = outcome.Final.Single(r => r.Id == "heat-network");
        Assert.Equal([20.0, 10, 10, 20], plan.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal([0.0, 20, 20, 0], plan.DrawKw["gas"].Select(v => Math.Round(v, 6)));
        Assert.Equal([0.0, 15, 15, 0], plan.DrawKw["oil"].Select(v => Math.Round(v, 6)));
        Assert.Equal([70.0, 100, 100, 70], report.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal([0.0, 20, 20, 0], report.DrawAfterKw["gas"].Select(v => Math.Round(v, 6)));
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);
        Assert.Equal(0.0, report.ViolationAfterKwh["gas"], 9);
    }
}
