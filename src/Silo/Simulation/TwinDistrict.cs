using System.Text.Json.Nodes;
using Sems.Twin;
using Sems.Twin.Plants;

namespace Sems.Silo.Simulation;

/// <summary>
/// The district file SEMS is configured with for a scenario: the twin's subsystems described in the input contract,
/// exactly as an operator would write them. Inputs that change every cycle (heat load, COP, PV, EV demand, prices)
/// start here as nominal values and are replaced by forecasts before each cycle; when no forecast reaches SEMS
/// (<see cref="Scenario.DistrictFile"/>) they are the twin's first horizon instead, a profile SEMS repeats.
/// </summary>
public static class TwinDistrict
{
    public const string HeatSubsystem = "greenwich-heat";
    public const string EvSubsystem = "greenwich-ev-pv";

    /// <param name="profile">Series for the file's inputs, keyed as forecasts are (<see cref="ForecastProvider.Profile"/>);
    /// null for the nominal values.</param>
    public static string Create(Scenario scenario, HeatNetworkParameters heat, EvPvParameters ev,
        (IReadOnlyDictionary<string, double[]> Heat, IReadOnlyDictionary<string, double[]> EvPv)? profile = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var heatProfile = profile?.Heat;
        var evProfile = profile?.EvPv;
        var dtHours = scenario.StepMinutes / 60.0;
        var subsystems = new JsonArray();
        var cost = new JsonObject();
        var co2 = new JsonObject();
        var priority = 1;
        if (scenario.HeatNetwork is { } h)
        {
            cost["electricity"] = Series(heatProfile, "factor:cost:electricity", 0.2);
            co2["electricity"] = Series(heatProfile, "factor:co2:electricity", 0.15);
            cost["gas"] = TwinInputs.Load(scenario.Prices).GasUnitPriceGbpPerKwh;
            co2["gas"] = TwinInputs.GasCarbonKgPerKwh;
            // eqs. 13–14 from the network's energy balance, discretised with Δt: x⁺ = (1 − UA·Δt/C)·x + Δt/C·u + UA·Δt/C·T_ground − Δt/C·load.
            var c = heat.NetworkCapacityKwhPerK;
            var ua = heat.PipeLossKwPerK;
            subsystems.Add(new JsonObject
            {
                ["id"] = HeatSubsystem,
                ["priority"] = priority++,
                ["resources"] = new JsonObject
                {
                    ["electricity"] = new JsonObject { ["min"] = 0, ["max"] = heat.HeatPumpMaxElectricKw },
                    ["gas"] = new JsonObject { ["min"] = 0, ["max"] = heat.BoilerMaxGasKw },
                },
                ["supplies"] = new JsonArray(
                    Supply("heat-pump", "electricity", "heat", Series(heatProfile, "efficiency:heat-pump:0", 3.0), heat.HeatPumpMaxElectricKw),
                    Supply("gas-boiler", "gas", "heat", heat.BoilerEfficiency, heat.BoilerMaxGasKw)),
                ["stores"] = new JsonArray(new JsonObject
                {
                    ["id"] = "thermal-store", ["energyType"] = "heat",
                    ["socMin"] = 0, ["socMax"] = heat.StoreCapacityKwh, ["socInitial"] = heat.InitialStoreKwh,
                    ["chargeEfficiency"] = heat.StoreChargeEfficiency, ["dischargeEfficiency"] = heat.StoreDischargeEfficiency,
                    ["retention"] = Math.Pow(heat.StoreRetentionPer15Min, dtHours / 0.25),
                    ["chargeMin"] = 0, ["chargeMax"] = heat.StoreMaxKw, ["dischargeMin"] = 0, ["dischargeMax"] = heat.StoreMaxKw,
                    ["penalty"] = 0, ["terminal"] = "none",
                }),
                ["demands"] = new JsonArray(new JsonObject
                {
                    ["id"] = "network", ["kind"] = "stateSpace",
                    ["A"] = Matrix(1 - ua * dtHours / c),
                    ["B"] = new JsonObject { ["heat"] = Matrix(dtHours / c) },
                    ["E"] = new JsonObject { ["groundTemp"] = Matrix(ua * dtHours / c), ["heatLoad"] = Matrix(-dtHours / c) },
                    ["C"] = Matrix(1),
                    ["x0"] = new JsonArray(heat.InitialNetworkTemperatureC),
                    ["band"] = new JsonObject { ["lower"] = heat.BandLowerC, ["upper"] = heat.BandUpperC, ["sided"] = "both" },
                    ["slackWeight"] = h.BandSlackWeight,
                }),
                ["disturbances"] = new JsonObject { ["groundTemp"] = heat.GroundTemperatureC, ["heatLoad"] = Series(heatProfile, "disturbance:heatLoad", 250) },
                ["weights"] = new JsonObject
                {
                    ["energy"] = h.EnergyWeight, ["storage"] = 0, ["comfort"] = 1 - h.EnergyWeight,
                    ["factors"] = new JsonObject { ["cost"] = h.CostWeight, ["co2"] = h.Co2Weight },
                },
            });
        }

        if (scenario.EvPv is { } e)
        {
            cost["electricity"] = Series(evProfile, "factor:cost:electricity", 0.2);
            co2["electricity"] = Series(evProfile, "factor:co2:electricity", 0.15);
            cost["solar"] = 0;
            co2["solar"] = 0;
            var subsystem = new JsonObject
            {
                ["id"] = EvSubsystem,
                ["priority"] = priority++,
                ["resources"] = new JsonObject
                {
                    ["electricity"] = new JsonObject { ["min"] = 0, ["max"] = ev.GridMaxKw },
                    ["solar"] = new JsonObject { ["min"] = 0, ["max"] = Series(evProfile, "resourceMax:solar", 0) },
                },
                ["supplies"] = new JsonArray(
                    Supply("grid", "electricity", "power", 1.0, ev.GridMaxKw),
                    // The PV's available power arrives as the forecast of the solar resource's Pmax (eq. 5); the conversion is the array's rating.
                    Supply("pv", "solar", "power", 1.0, PvArray.GreenwichRatedKwp)),
                ["demands"] = new JsonArray(new JsonObject { ["id"] = "ev-charging", ["kind"] = "series", ["energyType"] = "power", ["values"] = Series(evProfile, "demand:ev-charging", 0) }),
                // Delay costs a little per kWh owed per step (β < 0 because SoC ≤ 0), so charging is postponed only when it pays.
                ["weights"] = new JsonObject
                {
                    ["energy"] = 0.95, ["storage"] = 0.05, ["comfort"] = 0,
                    ["factors"] = new JsonObject { ["cost"] = 1, ["co2"] = 0 },
                },
            };
            if (e.Delay)
            {
                subsystem["stores"] = new JsonArray(new JsonObject
                {
                    ["id"] = "ev-delay", ["energyType"] = "power",
                    ["socMin"] = -ev.BacklogLimitKwh, ["socMax"] = 0, ["socInitial"] = 0,
                    ["chargeEfficiency"] = 1, ["dischargeEfficiency"] = 1, ["retention"] = 1,
                    ["chargeMin"] = 0, ["chargeMax"] = ev.CatchUpMaxKw, ["dischargeMin"] = 0, ["dischargeMax"] = Series(evProfile, "dischargeMax:ev-delay", 0),
                    ["penalty"] = -0.02, ["terminal"] = "returnToInitial",
                });
            }

            subsystems.Add(subsystem);
        }

        var district = new JsonObject
        {
            ["name"] = scenario.Name,
            ["start"] = scenario.Start.ToString("O"),
            ["stepMinutes"] = scenario.StepMinutes,
            ["horizonSteps"] = scenario.HorizonSteps,
            ["factors"] = new JsonObject { ["cost"] = cost, ["co2"] = co2 },
            ["subsystems"] = subsystems,
        };
        if (scenario.DistrictLimitKw is { } limit && scenario.Coordinate) district["districtLimits"] = new JsonObject { ["electricity"] = limit };
        if (scenario.RiskLevel is { } risk && scenario.Coordinate) district["coordination"] = new JsonObject { ["mode"] = "priority", ["riskLevel"] = risk };
        return district.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The profile's series for <paramref name="key"/> as a JSON array, else the nominal value.</summary>
    private static JsonNode Series(IReadOnlyDictionary<string, double[]>? profile, string key, double nominal) =>
        profile is not null && profile.TryGetValue(key, out var values) ? new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()) : JsonValue.Create(nominal);

    private static JsonObject Supply(string id, string resource, string energyType, JsonNode efficiency, double max) => new()
    {
        ["id"] = id,
        ["conversions"] = new JsonArray(new JsonObject { ["resource"] = resource, ["energyType"] = energyType, ["efficiency"] = efficiency, ["min"] = 0, ["max"] = max }),
        ["feedsStores"] = true,
    };

    private static JsonArray Matrix(double value) => new(new JsonArray(value));
}
