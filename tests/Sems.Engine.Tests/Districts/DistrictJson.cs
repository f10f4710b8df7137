using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sems.Engine.Tests.Districts;

/// <summary>
/// Builds a valid baseline district file as a mutable <see cref="JsonObject"/> so that each test changes one field,
/// addressed by the same JSON path the reader reports (e.g. "subsystems[1].stores[0]").
/// </summary>
/// <remarks>
/// subsystems[0] "heat-network": heat pump (time-varying COP) + boiler with commitment + heat tank + a two-state
/// state-space demand with disturbances outdoorTemp (series) and irradiance (scalar).
/// subsystems[1] "ev-hub": grid + pv, a series demand and a negative-capacity (delayable) EV store.
/// stepMinutes and horizonSteps are omitted, so the defaults (15, 96) apply.
/// </remarks>
public static partial class DistrictJson
{
    public const int Steps = 96;

    private const string RawPrefix = "@@raw:";
    private const string RawSuffix = "@@";

    public static double[] ElectricityCost { get; } = Generate(i => i is >= 28 and < 80 ? 0.31 + 0.001 * i : 0.12);

    public static double[] HeatPumpCop { get; } = Generate(i => 2.8 + 0.025 * (i % 24));

    public static double[] OutdoorTemp { get; } = Generate(i => -2.0 + 0.125 * (i % 48));

    public static double[] SolarAvailable { get; } = Generate(i => i is >= 28 and < 72 ? 1.5 * (i - 28) : 0.0);

    public static double[] BuildingLoad { get; } = Generate(i => 18.0 + 0.25 * (i % 32));

    public static JsonObject Baseline() => new()
    {
        ["name"] = "riverside",
        ["title"] = "Riverside district",
        ["start"] = "2022-01-10T00:00:00Z",
        ["factors"] = new JsonObject
        {
            ["cost"] = new JsonObject { ["electricity"] = Array(ElectricityCost), ["gas"] = 0.04 },
            ["co2"] = new JsonObject { ["electricity"] = 0.2, ["gas"] = 0.184 },
        },
        ["districtLimits"] = new JsonObject { ["electricity"] = 250 },
        ["subsystems"] = new JsonArray(HeatNetwork(), EvHub()),
    };

    public static JsonObject HeatNetwork() => new()
    {
        ["id"] = "heat-network",
        ["priority"] = 2,
        ["resources"] = new JsonObject
        {
            ["electricity"] = new JsonObject { ["min"] = 0, ["max"] = 150 },
            ["gas"] = new JsonObject { ["max"] = 200 },
        },
        ["supplies"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "hp1",
                ["conversions"] = new JsonArray(Conversion("electricity", "heat", Array(HeatPumpCop), 0, 60)),
                ["feedsStores"] = true,
            },
            new JsonObject
            {
                ["id"] = "boiler",
                ["conversions"] = new JsonArray(Conversion("gas", "heat", 0.9, 0, 120)),
                ["commitment"] = new JsonObject { ["minOn"] = 10, ["minUpSteps"] = 4, ["minDownSteps"] = 2, ["startCost"] = 1.5 },
            }),
        ["stores"] = new JsonArray(new JsonObject
        {
            ["id"] = "tank",
            ["energyType"] = "heat",
            ["socMin"] = 0,
            ["socMax"] = 800,
            ["socInitial"] = 300,
            ["chargeEfficiency"] = 0.95,
            ["dischargeEfficiency"] = 0.9,
            ["retention"] = 0.999,
            ["chargeMin"] = 0,
            ["chargeMax"] = 200,
            ["dischargeMin"] = 0,
            ["dischargeMax"] = 180,
            ["penalty"] = 0.001,
        }),
        ["demands"] = new JsonArray(new JsonObject
        {
            ["id"] = "network",
            ["kind"] = "stateSpace",
            ["A"] = Matrix([0.9, 0.05], [0.02, 0.95]),
            ["B"] = new JsonObject { ["heat"] = Matrix([0.0004], [0.0]) },
            ["E"] = new JsonObject { ["outdoorTemp"] = Matrix([0.03], [0.0]), ["irradiance"] = Matrix([0.0], [0.001]) },
            ["C"] = Matrix([1.0, 0.0]),
            ["x0"] = Array(65.0, 20.0),
            ["band"] = new JsonObject { ["lower"] = 60, ["upper"] = 75 },
            ["slackWeight"] = 2.0,
        }),
        ["disturbances"] = new JsonObject { ["outdoorTemp"] = Array(OutdoorTemp), ["irradiance"] = 120 },
        ["weights"] = new JsonObject
        {
            ["energy"] = 0.5,
            ["storage"] = 0.1,
            ["comfort"] = 0.4,
            ["factors"] = new JsonObject { ["cost"] = 1.0, ["co2"] = 0.5 },
        },
    };

    public static JsonObject EvHub() => new()
    {
        ["id"] = "ev-hub",
        ["priority"] = 1,
        ["resources"] = new JsonObject
        {
            ["electricity"] = new JsonObject { ["min"] = 0, ["max"] = 100 },
            ["solar"] = new JsonObject { ["min"] = 0, ["max"] = Array(SolarAvailable) },
        },
        ["supplies"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "grid",
                ["conversions"] = new JsonArray(Conversion("electricity", "electricity", 1, 0, 120)),
                ["feedsStores"] = true,
            },
            new JsonObject
            {
                ["id"] = "pv",
                ["conversions"] = new JsonArray(Conversion("solar", "electricity", 0.97, 0, 50)),
                ["feedsStores"] = true,
            }),
        ["stores"] = new JsonArray(new JsonObject
        {
            ["id"] = "ev-fleet",
            ["energyType"] = "electricity",
            ["socMin"] = -120,
            ["socMax"] = 0,
            ["socInitial"] = 0,
            ["chargeMax"] = 22,
            ["dischargeMax"] = 40,
            ["terminal"] = "returnToInitial",
        }),
        ["demands"] = new JsonArray(new JsonObject
        {
            ["id"] = "building-load",
            ["kind"] = "series",
            ["energyType"] = "electricity",
            ["values"] = Array(BuildingLoad),
        }),
        ["weights"] = new JsonObject
        {
            ["energy"] = 1.0,
            ["storage"] = 0.0,
            ["comfort"] = 0.0,
            ["factors"] = new JsonObject { ["cost"] = 1.0, ["co2"] = 0.0 },
        },
    };

    public static JsonObject Conversion(string resource, string energyType, JsonNode efficiency, double min, double max) => new()
    {
        ["resource"] = resource,
        ["energyType"] = energyType,
        ["efficiency"] = efficiency,
        ["min"] = min,
        ["max"] = max,
    };

    public static double[] Generate(Func<int, double> value, int steps = Steps) => Enumerable.Range(0, steps).Select(value).ToArray();

    public static JsonArray Array(params double[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static JsonArray Matrix(params double[][] rows) => new(rows.Select(r => (JsonNode?)Array(r)).ToArray());

    /// <summary>A token written verbatim into the JSON text, for what JSON cannot hold (NaN, Infinity, 1e999) or hand-written literals.</summary>
    public static JsonNode Raw(string token) => JsonValue.Create(RawPrefix + Convert.ToHexString(Encoding.UTF8.GetBytes(token)) + RawSuffix);

    /// <summary>The node at a reader-style path such as "subsystems[0].supplies[1].conversions[0]".</summary>
    public static JsonNode At(JsonNode root, string path)
    {
        var node = root;
        foreach (Match step in PathStep().Matches(path))
        {
            node = step.Groups["name"].Success
                ? node[step.Groups["name"].Value] ?? throw new ArgumentException($"no \"{step.Groups["name"].Value}\" on the way to {path}")
                : node[int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)] ?? throw new ArgumentException($"null on the way to {path}");
        }

        return node;
    }

    /// <summary>Sets (or adds) the field at the end of <paramref name="path"/>.</summary>
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        var (parent, field) = Split(path);
        At(root, parent).AsObject()[field] = value;
        return root;
    }

    public static JsonObject Without(this JsonObject root, string path)
    {
        var (parent, field) = Split(path);
        if (!At(root, parent).AsObject().Remove(field)) throw new ArgumentException($"nothing to remove at {path}");
        return root;
    }

    public static string ToText(this JsonNode root) =>
        RawToken().Replace(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), m => Encoding.UTF8.GetString(Convert.FromHexString(m.Groups["hex"].Value)));

    private static (string Parent, string Field) Split(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? ("", path) : (path[..dot], path[(dot + 1)..]);
    }

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();

    [GeneratedRegex("\"" + RawPrefix + "(?<hex>[0-9A-F]*)" + RawSuffix + "\"")]
    private static partial Regex RawToken();
}
