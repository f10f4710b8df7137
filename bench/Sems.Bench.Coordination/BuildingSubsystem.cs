using System.Text.Json.Nodes;

namespace Sems.Bench.Coordination;

/// <summary>
/// A house with an air-source heat pump, a hot-water tank and a home battery, as a district-file subsystem built from
/// the pieces of <c>examples/heat-network.json</c> (its heat pump's COP series and the outdoor temperature of the day):
/// <list type="bullet">
/// <item>supplies: <c>grid</c> (electricity → power, η = 1, 0–10 kW) and <c>heat-pump</c> (electricity → heat, η = the
/// example's COP 2.75–3.06, 0–2.5 kW electric), both feeding stores;</item>
/// <item>stores: <c>tank</c> (heat, 0–10 kWh, η 0.98 each way, retention 0.995 per step, ±5 kW) and <c>battery</c>
/// (power, 1–10 kWh, η 0.95 each way, retention 0.9999 per step, ±4 kW), both ending at least where they start;</item>
/// <item>demands (series): <c>space-heat</c> = heatScale × (0.25 kW/K × (19 °C − outdoor) + 1.5 kW hot-water draws at
/// 07:30 and 20:00) and <c>plug-load</c> = plugScale × (0.3 kW + 0.6 kW at 07:30 + 1.0 kW at 19:00), each bump a
/// Gaussian of 1–2 h width;</item>
/// <item>electricity import 0–10 kW; weights: energy 1 (cost), no storage or comfort terms.</item>
/// </list>
/// With heatScale = plugScale = 1 the day needs 49.6 kWh of heat and 12.0 kWh of plug load; the peak served
/// directly (heat / COP + plug load) is 2.58 kW.
/// </summary>
public static class BuildingSubsystem
{
    /// <summary>The subsystem and its peak electricity draw (kW) if every demand were served when it occurs.</summary>
    public static (JsonObject Subsystem, double PeakKw) Create(JsonObject heatExample, double heatScale, double plugScale, double socInitialKwh)
    {
        ArgumentNullException.ThrowIfNull(heatExample);
        var network = heatExample["subsystems"]![0]!;
        var cop = network["supplies"]![0]!["conversions"]![0]!["efficiency"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var outdoor = network["disturbances"]!["outdoorTemp"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var steps = cop.Length;
        var stepHours = 24.0 / steps;
        var heat = new double[steps];
        var plug = new double[steps];
        var peakKw = 0.0;
        for (var i = 0; i < steps; i++)
        {
            var hour = i * stepHours;
            heat[i] = Math.Round(heatScale * (0.25 * Math.Max(0, 19 - outdoor[i]) + 1.5 * Bump(hour, 7.5, 1.0) + 1.5 * Bump(hour, 20, 1.0)), 4);
            plug[i] = Math.Round(plugScale * (0.3 + 0.6 * Bump(hour, 7.5, 1.2) + 1.0 * Bump(hour, 19, 2.0)), 4);
            peakKw = Math.Max(peakKw, heat[i] / cop[i] + plug[i]);
        }

        var subsystem = new JsonObject
        {
            ["id"] = "building",
            ["priority"] = 1,
            ["resources"] = new JsonObject { ["electricity"] = new JsonObject { ["min"] = 0, ["max"] = 10.0 } },
            ["supplies"] = new JsonArray(
                Supply("grid", "power", 1, 10.0),
                Supply("heat-pump", "heat", new JsonArray(cop.Select(c => (JsonNode?)c).ToArray()), 2.5)),
            ["stores"] = new JsonArray(
                Store("tank", "heat", 0, 10, 5, 0.98, 0.995, 5),
                Store("battery", "power", 1, 10, socInitialKwh, 0.95, 0.9999, 4)),
            ["demands"] = new JsonArray(
                Series("space-heat", "heat", heat),
                Series("plug-load", "power", plug)),
            ["disturbances"] = new JsonObject(),
            ["weights"] = new JsonObject
            {
                ["energy"] = 1.0, ["storage"] = 0.0, ["comfort"] = 0.0,
                ["factors"] = new JsonObject { ["cost"] = 1.0, ["co2"] = 0.0 },
            },
        };
        return (subsystem, peakKw);
    }

    private static double Bump(double hour, double centre, double width) => Math.Exp(-Math.Pow((hour - centre) / width, 2));

    private static JsonObject Supply(string id, string energyType, JsonNode efficiency, double maxKw) => new()
    {
        ["id"] = id,
        ["conversions"] = new JsonArray(new JsonObject
        {
            ["resource"] = "electricity", ["energyType"] = energyType, ["efficiency"] = efficiency, ["min"] = 0, ["max"] = maxKw,
        }),
        ["feedsStores"] = true,
    };

    private static JsonObject Store(string id, string energyType, double socMinKwh, double socMaxKwh, double socInitialKwh, double efficiency, double retention, double flowMaxKw) => new()
    {
        ["id"] = id, ["energyType"] = energyType,
        ["socMin"] = socMinKwh, ["socMax"] = socMaxKwh, ["socInitial"] = socInitialKwh,
        ["chargeEfficiency"] = efficiency, ["dischargeEfficiency"] = efficiency, ["retention"] = retention,
        ["chargeMin"] = 0, ["chargeMax"] = flowMaxKw, ["dischargeMin"] = 0, ["dischargeMax"] = flowMaxKw,
        ["penalty"] = 0.0, ["terminal"] = "atLeastInitial",
    };

    private static JsonObject Series(string id, string energyType, double[] valuesKw) => new()
    {
        ["id"] = id, ["energyType"] = energyType, ["kind"] = "series",
        ["values"] = new JsonArray(valuesKw.Select(v => (JsonNode?)v).ToArray()),
    };
}
