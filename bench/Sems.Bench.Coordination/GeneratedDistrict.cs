using System.Globalization;
using System.Text.Json.Nodes;

namespace Sems.Bench.Coordination;

/// <summary>
/// A district of <c>count</c> subsystems, alternately copies of the heat-network and EV/PV-hub examples with seeded
/// variations (EV demand and PV size × 0.5–1.5, network start temperature 62–70 °C, store SoC 0–600 kWh), under an
/// electricity limit of a fraction (default 80 %) of the sum of the subsystems' own peaks, so coordination has work to do.
/// </summary>
public static class GeneratedDistrict
{
    public static string Create(int count, int seed, double limitFraction = 0.8)
    {
        var random = new Random(seed);
        var heat = Load("heat-network.json");
        var ev = Load("ev-pv-hub.json");
        var district = heat.DeepClone().AsObject();
        foreach (var (factor, resources) in ev["factors"]!.AsObject())
        {
            foreach (var (resource, series) in resources!.AsObject()) district["factors"]![factor]![resource] ??= series!.DeepClone();
        }

        var subsystems = new JsonArray();
        var peakKw = 0.0;
        for (var k = 0; k < count; k++)
        {
            JsonObject subsystem;
            if (k % 2 == 0)
            {
                subsystem = heat["subsystems"]![0]!.DeepClone().AsObject();
                subsystem["demands"]![0]!["x0"] = new JsonArray(62 + 8 * random.NextDouble());
                subsystem["stores"]![0]!["socInitial"] = Math.Round(600 * random.NextDouble(), 1);
                peakKw += 60;
            }
            else
            {
                subsystem = ev["subsystems"]![0]!.DeepClone().AsObject();
                var scale = 0.5 + random.NextDouble();
                var pv = 0.5 + random.NextDouble();
                Scale(subsystem["demands"]![0]!["values"]!, scale);
                Scale(subsystem["stores"]![0]!["dischargeMax"]!, scale);
                Scale(subsystem["supplies"]![1]!["conversions"]![0]!["max"]!, pv);
                Scale(subsystem["resources"]!["solar"]!["max"]!, pv);
                peakKw += 300 * scale;
            }

            subsystem["id"] = string.Create(CultureInfo.InvariantCulture, $"{(k % 2 == 0 ? "heat" : "ev")}-{k:D4}");
            subsystem["priority"] = k + 1;
            subsystems.Add(subsystem);
        }

        district["name"] = $"generated-{count}";
        district["title"] = $"generated district of {count} subsystems";
        district["subsystems"] = subsystems;
        district["districtLimits"] = new JsonObject { ["electricity"] = Math.Round(limitFraction * peakKw, 1) };
        return district.ToJsonString();
    }

    private static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name)))!.AsObject();

    private static void Scale(JsonNode series, double factor)
    {
        if (series is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++) array[i] = Math.Round(array[i]!.GetValue<double>() * factor, 4);
        }
    }
}
