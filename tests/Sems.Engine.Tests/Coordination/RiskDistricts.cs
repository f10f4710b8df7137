using System.Globalization;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// The worked example (heat network: heat pump COP 3 at 0.15/kWh, boiler η 0.9 at 0.06/kWh, 60 kW heat; EV hub
/// [50, 90, 90, 50] kW; 100 kW limit; Δt 0.25 h) with a risk level and σ per subsystem, for the risk-margin tests.
/// </summary>
internal static class RiskDistricts
{
    public static string WorkedExample(double? riskLevel, string heatSigma, string evSigma, string mode = "priority") =>
        string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "name": "two-subsystems", "stepMinutes": 15, "horizonSteps": 4, "currency": "GBP",
          "factors": { "cost": { "electricity": 0.15, "gas": 0.06 }, "co2": { "electricity": 0.09, "gas": 0.184 } },
          "districtLimits": { "electricity": 100 },
          {{(riskLevel is { } p ? $"\"coordination\": {{ \"mode\": \"{mode}\", \"riskLevel\": {p.ToString(CultureInfo.InvariantCulture)} }}," : "")}}
          "subsystems": [
            {
              "id": "heat-network", "priority": 1,
              "supplies": [
                { "id": "heat-pump", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 3, "min": 0, "max": 30 } ] },
                { "id": "gas-boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "min": 0, "max": 200 } ] }
              ],
              "demands": [ { "id": "space-heat", "kind": "series", "energyType": "heat", "values": 60 } ],
              "uncertainty": { "electricity": {{heatSigma}} },
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1, "co2": 0 } }
            },
            {
              "id": "ev-hub", "priority": 2,
              "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": 200 } ] } ],
              "demands": [ { "id": "chargers", "kind": "series", "energyType": "power", "values": [50, 90, 90, 50] } ],
              "uncertainty": { "electricity": {{evSigma}} },
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1, "co2": 0 } }
            }
          ]
        }
        """);
}
