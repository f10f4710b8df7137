using System.Globalization;
using System.Text.Json.Nodes;

namespace Sems.Bench.Coordination;

/// <summary>
/// Generated districts for the coordination bench.
/// <para><see cref="Create"/>: <c>count</c> subsystems, alternately copies of the heat-network and EV/PV-hub examples
/// with seeded variations (EV demand and PV size × 0.5–1.5, network start temperature 62–70 °C, store SoC 0–600 kWh),
/// under an electricity limit of a fraction (default 80 %) of the sum of the subsystems' own peaks, so coordination
/// has work to do.</para>
/// <para><see cref="CreateCity"/>: a city of three kinds in turn — heat networks (as above), heat-pump-and-battery
/// buildings (<see cref="BuildingSubsystem"/>, heat and plug load × 0.6–1.4, battery SoC 1–10 kWh) and EV/PV hubs (as
/// above) — on a grid of one <c>substation</c> and F feeders <c>feeder-001</c>…, the subsystems in contiguous blocks
/// of about count/F per feeder. Each feeder's importMax is a fraction of its own subsystems' summed peaks, the
/// substation's a fraction of all of them (no <c>districtLimits</c>). Peaks: 60 kW per heat network (its heat pump's
/// maximum draw), 300 kW × the EV demand scale per hub, and a building's largest heat / COP + plug load.</para>
/// </summary>
public static class GeneratedDistrict
{
    /// <summary>The kinds of <see cref="CreateCity"/> in the order they repeat; each subsystem's id starts with its kind.</summary>
    public static IReadOnlyList<string> CityKinds { get; } = ["heat", "building", "ev"];

    public static string Create(int count, int seed, double limitFraction = 0.8, string? mode = null)
    {
        var random = new Random(seed);
        var (heat, ev, district) = Templates();
        var subsystems = new JsonArray();
        var peakKw = 0.0;
        for (var k = 0; k < count; k++)
        {
            var (subsystem, peak) = k % 2 == 0 ? HeatNetwork(heat, random) : EvHub(ev, random);
            peakKw += peak;
            subsystem["id"] = string.Create(CultureInfo.InvariantCulture, $"{(k % 2 == 0 ? "heat" : "ev")}-{k:D4}");
            subsystem["priority"] = k + 1;
            subsystems.Add(subsystem);
        }

        district["name"] = $"generated-{count}";
        district["title"] = $"generated district of {count} subsystems";
        district["subsystems"] = subsystems;
        district["districtLimits"] = new JsonObject { ["electricity"] = Math.Round(limitFraction * peakKw, 1) };
        SetMode(district, mode);
        return district.ToJsonString();
    }

    public static string CreateCity(CityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Subsystems, 1, nameof(options.Subsystems));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Feeders, 1, nameof(options.Feeders));
        if (options.Feeders > options.Subsystems)
            throw new ArgumentException($"feeders: {options.Feeders} feeders for {options.Subsystems} subsystems would leave feeders empty", nameof(options));
        var random = new Random(options.Seed);
        var (heat, ev, district) = Templates();
        var subsystems = new JsonArray();
        var feederPeakKw = new double[options.Feeders];
        var width = Math.Max(4, options.Subsystems.ToString(CultureInfo.InvariantCulture).Length);
        for (var k = 0; k < options.Subsystems; k++)
        {
            var kind = CityKinds[k % CityKinds.Count];
            var (subsystem, peak) = kind switch
            {
                "heat" => HeatNetwork(heat, random),
                "building" => Building(heat, random),
                _ => EvHub(ev, random),
            };
            var feeder = (int)((long)k * options.Feeders / options.Subsystems);
            feederPeakKw[feeder] += peak;
            subsystem["id"] = $"{kind}-{k.ToString("D" + width, CultureInfo.InvariantCulture)}";
            subsystem["priority"] = k + 1;
            subsystem["node"] = FeederId(feeder);
            subsystems.Add(subsystem);
        }

        var nodes = new JsonArray { Node("substation", null, options.RootLimit * feederPeakKw.Sum()) };
        for (var f = 0; f < options.Feeders; f++) nodes.Add(Node(FeederId(f), "substation", options.FeederLimit * feederPeakKw[f]));
        district["name"] = $"city-{options.Subsystems}";
        district["title"] = $"generated city of {options.Subsystems} subsystems on {options.Feeders} feeders";
        district["grid"] = new JsonObject { ["nodes"] = nodes };
        district["subsystems"] = subsystems;
        SetMode(district, options.Mode);
        return district.ToJsonString();
    }

    private static string FeederId(int feeder) => string.Create(CultureInfo.InvariantCulture, $"feeder-{feeder + 1:D3}");

    private static JsonObject Node(string id, string? parent, double importMaxKw)
    {
        var node = new JsonObject { ["id"] = id };
        if (parent is not null) node["parent"] = parent;
        node["limits"] = new JsonObject { ["electricity"] = new JsonObject { ["importMax"] = Math.Round(importMaxKw, 1) } };
        return node;
    }

    private static void SetMode(JsonObject district, string? mode)
    {
        if (mode is not null) district["coordination"] = new JsonObject { ["mode"] = mode };
    }

    /// <summary>The two examples and a district holding the heat network's header with both examples' factors.</summary>
    private static (JsonObject Heat, JsonObject Ev, JsonObject District) Templates()
    {
        var heat = Load("heat-network.json");
        var ev = Load("ev-pv-hub.json");
        var district = heat.DeepClone().AsObject();
        foreach (var (factor, resources) in ev["factors"]!.AsObject())
        {
            foreach (var (resource, series) in resources!.AsObject()) district["factors"]![factor]![resource] ??= series!.DeepClone();
        }

        return (heat, ev, district);
    }

    private static (JsonObject, double) HeatNetwork(JsonObject heat, Random random)
    {
        var subsystem = heat["subsystems"]![0]!.DeepClone().AsObject();
        subsystem["demands"]![0]!["x0"] = new JsonArray(62 + 8 * random.NextDouble());
        subsystem["stores"]![0]!["socInitial"] = Math.Round(600 * random.NextDouble(), 1);
        return (subsystem, 60);
    }

    private static (JsonObject, double) EvHub(JsonObject ev, Random random)
    {
        var subsystem = ev["subsystems"]![0]!.DeepClone().AsObject();
        var scale = 0.5 + random.NextDouble();
        var pv = 0.5 + random.NextDouble();
        Scale(subsystem["demands"]![0]!["values"]!, scale);
        Scale(subsystem["stores"]![0]!["dischargeMax"]!, scale);
        Scale(subsystem["supplies"]![1]!["conversions"]![0]!["max"]!, pv);
        Scale(subsystem["resources"]!["solar"]!["max"]!, pv);
        return (subsystem, 300 * scale);
    }

    private static (JsonObject, double) Building(JsonObject heat, Random random)
    {
        var heatScale = 0.6 + 0.8 * random.NextDouble();
        var plugScale = 0.6 + 0.8 * random.NextDouble();
        var soc = Math.Round(1 + 9 * random.NextDouble(), 2);
        return BuildingSubsystem.Create(heat, heatScale, plugScale, soc);
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
