using System.Globalization;
using System.Text;

namespace Sems.Operation.Tests;

/// <summary>
/// A district of <c>2·pairs</c> small subsystems for the cluster tests: pairs of the worked example's heat network
/// (heat pump + gas boiler, 60 kW of heat) and EV hub (grid, [50, 90, 90, 50] kW), 4 steps of 15 minutes, under a
/// district electricity limit of 100 kW per pair. Every subsystem has exactly two supply assets or one, so the number of
/// set-points per cycle is known by hand: per pair 2 (heat pump, boiler) + 1 (grid) = 3.
/// </summary>
public static class LargeDistrict
{
    public const int SetpointAssetsPerPair = 3;

    public static string Json(int pairs)
    {
        var subsystems = new StringBuilder();
        for (var k = 0; k < pairs; k++)
        {
            if (k > 0) subsystems.Append(",\n");
            subsystems.Append("""
                {"id": "heat-@K", "priority": @P1,
                 "supplies": [{"id": "heat-pump", "conversions": [{"resource": "electricity", "energyType": "heat", "efficiency": 3, "min": 0, "max": 30}]},
                              {"id": "gas-boiler", "conversions": [{"resource": "gas", "energyType": "heat", "efficiency": 0.9, "min": 0, "max": 200}]}],
                 "demands": [{"id": "space-heat", "kind": "series", "energyType": "heat", "values": 60}],
                 "weights": {"energy": 1, "storage": 0, "comfort": 0, "factors": {"cost": 1}}},
                {"id": "ev-@K", "priority": @P2,
                 "supplies": [{"id": "grid", "conversions": [{"resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": 200}]}],
                 "demands": [{"id": "chargers", "kind": "series", "energyType": "power", "values": [50, 90, 90, 50]}],
                 "weights": {"energy": 1, "storage": 0, "comfort": 0, "factors": {"cost": 1}}}
                """.Replace("@K", k.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("@P1", (2 * k + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("@P2", (2 * k + 2).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        return """
            {"name": "cluster-test", "currency": "GBP", "stepMinutes": 15, "horizonSteps": 4,
             "factors": {"cost": {"electricity": 0.15, "gas": 0.06}},
             "districtLimits": {"electricity": @LIMIT},
             "subsystems": [
            @SUBSYSTEMS
             ]}
            """.Replace("@LIMIT", (100 * pairs).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("@SUBSYSTEMS", subsystems.ToString(), StringComparison.Ordinal);
    }
}
