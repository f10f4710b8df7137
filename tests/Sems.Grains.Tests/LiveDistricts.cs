using System.Globalization;

namespace Sems.Grains.Tests;

/// <summary>Small hand-made districts for the live-operation tests (Δt = 15 min, 4 steps).</summary>
public static class LiveDistricts
{
    /// <summary>
    /// Grid-fed subsystems, each meeting a constant power demand through one grid supply of the given maximum (kW), in
    /// priority order; electricity limited to <paramref name="limitKw"/>. A demand above its supply's maximum is infeasible.
    /// </summary>
    public static string GridFed(double limitKw, params (string Id, double DemandKw, double MaxKw)[] subsystems)
    {
        var parts = subsystems.Select((s, k) => string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "id": "{{s.Id}}", "priority": {{k + 1}},
              "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": {{s.MaxKw}} } ] } ],
              "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": {{s.DemandKw}} } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } }
            }
            """));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "name": "grid-fed", "stepMinutes": 15, "horizonSteps": 4,
              "factors": { "cost": { "electricity": 0.15 } },
              "districtLimits": { "electricity": {{limitKw}} },
              "subsystems": [ {{string.Join(", ", parts)}} ]
            }
            """);
    }

    /// <summary>
    /// A school heated by a heat pump (COP 1, electricity [10, 0.01, 0.01, 0.01] per kWh) or a gas boiler (η 1, gas 0.5
    /// per kWh) with unit commitment: at least 10 kW gas while on, on for at least 3 steps, off for at least 1, no start
    /// cost; heat demand 10 kW. Heat per kWh: boiler 0.5, heat pump 10 at step 0 and 0.01 elsewhere (rotating per cycle).
    /// </summary>
    public const string Commitment = """
        {
          "name": "commitment", "stepMinutes": 15, "horizonSteps": 4,
          "factors": { "cost": { "electricity": [10, 0.01, 0.01, 0.01], "gas": 0.5 } },
          "subsystems": [
            {
              "id": "school", "priority": 1,
              "supplies": [
                { "id": "heat-pump", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "min": 0, "max": 100 } ] },
                { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 1, "min": 0, "max": 100 } ],
                  "commitment": { "minOn": 10, "minUpSteps": 3, "minDownSteps": 1, "startCost": 0 } }
              ],
              "demands": [ { "id": "heat", "kind": "series", "energyType": "heat", "values": 10 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } }
            }
          ]
        }
        """;
}
