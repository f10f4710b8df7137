using System.Globalization;
using System.Text.Json;
using Sems.Engine.Districts;
using Sems.Engine.Json;

namespace Sems.Silo.Simulation;

/// <summary>
/// Reads a scenario from JSON (camelCase names of <see cref="Scenario"/>; omitted fields keep their defaults) under the
/// same strict JSON policy as district files (<see cref="StrictJson"/>: UTF-8, no duplicate keys, bounded messages) and
/// checks it. Every problem names the field and the value; unknown fields are errors, so a typo never silently runs the
/// default.
/// </summary>
public static class ScenarioFile
{
    /// <summary>Most EVs and longest run a scenario may ask for: a fleet the twin's hub can serve, a year of steps.</summary>
    public const int MaxVehicles = 10_000;

    public const double MaxDays = 365;

    /// <summary>Largest heat-network objective weight (cost, CO2, band slack): beyond it one term drowns the others.</summary>
    public const double MaxWeight = 1_000;

    /// <summary>The range of <see cref="Scenario.RiskLevel"/>, that of the district file's <c>coordination.riskLevel</c>.</summary>
    public const double MinRiskLevel = 0.5;

    public const double MaxRiskLevel = 0.9999;

    public static (Scenario? Scenario, IReadOnlyList<string> Problems) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var parsed = StrictJson.Parse(json);
        return Read(parsed);
    }

    public static (Scenario? Scenario, IReadOnlyList<string> Problems) Read(ReadOnlyMemory<byte> utf8)
    {
        using var parsed = StrictJson.Parse(utf8);
        return Read(parsed);
    }

    private static (Scenario? Scenario, IReadOnlyList<string> Problems) Read(StrictJsonResult parsed)
    {
        if (parsed.Document is not { } document) return (null, parsed.Problems.Select(p => p.ToString()).ToList());
        var c = new JsonCursor();
        var scenario = ReadScenario(document.RootElement, c);
        var problems = c.Errors.Select(p => p.ToString()).ToList();
        if (scenario is null || problems.Count > 0) return (null, problems.Count > 0 ? problems : ["$: is not a scenario"]);
        problems.AddRange(Validate(scenario));
        return problems.Count == 0 ? (scenario, problems) : (null, problems);
    }

    private static Scenario? ReadScenario(JsonElement root, JsonCursor c)
    {
        if (!c.ExpectObject(root, "$")) return null;
        var s = new Scenario();
        foreach (var field in root.EnumerateObject())
        {
            var v = field.Value;
            var path = field.Name;
            switch (field.Name)
            {
                case "name": s = c.String(v, path) is { } name ? s with { Name = name } : s; break;
                case "start": s = Timestamp(v, path, c) is { } start ? s with { Start = start } : s; break;
                case "days": s = c.Number(v, path) is { } days ? s with { Days = days } : s; break;
                case "stepMinutes": s = c.Integer(v, path, 1, 60) is { } step ? s with { StepMinutes = step } : s; break;
                case "horizonSteps": s = c.Integer(v, path, 4, 672) is { } steps ? s with { HorizonSteps = steps } : s; break;
                case "seed": s = c.Integer(v, path, int.MinValue, int.MaxValue) is { } seed ? s with { Seed = seed } : s; break;
                case "heatNetwork": s = s with { HeatNetwork = v.ValueKind == JsonValueKind.Null ? null : ReadHeatNetwork(v, path, c) ?? s.HeatNetwork }; break;
                case "evPv": s = s with { EvPv = v.ValueKind == JsonValueKind.Null ? null : ReadEvPv(v, path, c) ?? s.EvPv }; break;
                case "districtLimitKw": s = v.ValueKind == JsonValueKind.Null ? s with { DistrictLimitKw = null } : c.Number(v, path) is { } limit ? s with { DistrictLimitKw = limit } : s; break;
                case "coordinate": s = c.Bool(v, path) is { } coordinate ? s with { Coordinate = coordinate } : s; break;
                case "forecasts": s = c.String(v, path) is { } forecasts ? s with { Forecasts = forecasts } : s; break;
                case "forecastHistoryDays": s = c.Integer(v, path, 21, 300) is { } history ? s with { ForecastHistoryDays = history } : s; break;
                case "noise": s = ReadNoise(v, path, c) is { } noise ? s with { Noise = noise } : s; break;
                case "weatherFeatures": s = c.Bool(v, path) is { } weather ? s with { WeatherFeatures = weather } : s; break;
                case "withinDayCorrection": s = c.Bool(v, path) is { } correction ? s with { WithinDayCorrection = correction } : s; break;
                case "riskLevel": s = v.ValueKind == JsonValueKind.Null ? s with { RiskLevel = null } : c.Number(v, path) is { } risk ? s with { RiskLevel = risk } : s; break;
                case "prices": s = c.String(v, path) is { } prices ? s with { Prices = prices } : s; break;
                default:
                    c.Error(path, "", "is not a scenario field (known: name, start, days, stepMinutes, horizonSteps, seed, heatNetwork, evPv, districtLimitKw, coordinate, forecasts, forecastHistoryDays, weatherFeatures, withinDayCorrection, riskLevel, noise, prices)");
                    break;
            }
        }

        return s;
    }

    private static HeatNetworkScenario? ReadHeatNetwork(JsonElement e, string path, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var h = new HeatNetworkScenario();
        foreach (var field in e.EnumerateObject())
        {
            var p = $"{path}.{field.Name}";
            h = field.Name switch
            {
                "energyWeight" => c.Number(field.Value, p) is { } w ? h with { EnergyWeight = w } : h,
                "costWeight" => c.Number(field.Value, p) is { } w ? h with { CostWeight = w } : h,
                "co2Weight" => c.Number(field.Value, p) is { } w ? h with { Co2Weight = w } : h,
                "bandSlackWeight" => c.Number(field.Value, p) is { } w ? h with { BandSlackWeight = w } : h,
                _ => Unknown(c, p, h, "energyWeight, costWeight, co2Weight, bandSlackWeight"),
            };
        }

        return h;
    }

    private static EvPvScenario? ReadEvPv(JsonElement e, string path, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var ev = new EvPvScenario();
        foreach (var field in e.EnumerateObject())
        {
            var p = $"{path}.{field.Name}";
            ev = field.Name switch
            {
                "delay" => c.Bool(field.Value, p) is { } d ? ev with { Delay = d } : ev,
                "vehicles" => c.Integer(field.Value, p, 1, MaxVehicles) is { } n ? ev with { Vehicles = n } : ev,
                "energyPerVehicleKwhPerDay" => c.Number(field.Value, p) is { } kwh ? ev with { EnergyPerVehicleKwhPerDay = kwh } : ev,
                _ => Unknown(c, p, ev, "delay, vehicles, energyPerVehicleKwhPerDay"),
            };
        }

        return ev;
    }

    private static NoiseScenario? ReadNoise(JsonElement e, string path, JsonCursor c)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            c.Error(path, "null", "is not an object: leave the field out for the default noise, or give each field 0 for none");
            return null;
        }

        if (!c.ExpectObject(e, path)) return null;
        var n = new NoiseScenario();
        foreach (var field in e.EnumerateObject())
        {
            var p = $"{path}.{field.Name}";
            var value = c.Number(field.Value, p);
            n = (field.Name, value) switch
            {
                (_, null) => n,
                ("heatLoadForecast", { } x) => n with { HeatLoadForecast = x },
                ("evDemandForecast", { } x) => n with { EvDemandForecast = x },
                ("pvForecast", { } x) => n with { PvForecast = x },
                ("carbonForecast", { } x) => n with { CarbonForecast = x },
                ("temperatureMeasurementC", { } x) => n with { TemperatureMeasurementC = x },
                ("storeMeasurementKwh", { } x) => n with { StoreMeasurementKwh = x },
                _ => Unknown(c, p, n, "heatLoadForecast, evDemandForecast, pvForecast, carbonForecast, temperatureMeasurementC, storeMeasurementKwh"),
            };
        }

        return n;
    }

    private static T Unknown<T>(JsonCursor c, string path, T unchanged, string known)
    {
        c.Error(path, "", $"is not a field of this object (known: {known})");
        return unchanged;
    }

    private static DateTimeOffset? Timestamp(JsonElement e, string path, JsonCursor c)
    {
        if (e.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        c.Error(path, JsonCursor.Describe(e), "is not an ISO 8601 timestamp");
        return null;
    }

    public static IReadOnlyList<string> Validate(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var problems = new List<string>();
        void Check(bool ok, string field, object? value, string rule)
        {
            if (!ok) problems.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: {value} {rule}"));
        }

        Check(!string.IsNullOrWhiteSpace(s.Name) && s.Name.Length <= 64 && s.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "name", JsonCursor.Quote(s.Name),
            "is not a name of 1–64 letters, digits, '-' and '_'");
        Check(s.StepMinutes is > 0 and <= 60 && 60 % s.StepMinutes == 0, "stepMinutes", s.StepMinutes, "does not divide an hour");
        Check(s.HorizonSteps is >= 4 and <= 672, "horizonSteps", s.HorizonSteps, "is not in [4, 672]");
        var daysOk = s.Days > 0 && s.Days <= MaxDays && double.IsFinite(s.Days);
        Check(daysOk, "days", s.Days, $"is not a number of days in (0, {MaxDays}]");
        if (daysOk && s.StepMinutes is > 0 and <= 60)
        {
            var steps = s.Days * 1440 / s.StepMinutes;
            Check(steps >= 1 - 1e-9 && Math.Abs(steps - Math.Round(steps)) < 1e-6, "days", s.Days,
                $"is not a whole number (≥ 1) of {s.StepMinutes}-minute steps: the run would have {steps.ToString("0.###", CultureInfo.InvariantCulture)} steps");
        }

        // Every time a run derives stays inside 2022 (the twin's data), so no date arithmetic can overflow.
        var first = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var last = new DateTimeOffset(2022, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var inYear = s.Start >= first && s.Start <= last;
        var end = inYear && daysOk && s.HorizonSteps is >= 4 and <= 672 && s.StepMinutes is > 0 and <= 60
            ? s.Start.AddDays(s.Days).AddMinutes((double)s.HorizonSteps * s.StepMinutes)
            : s.Start;
        Check(inYear && end <= last, "start", s.Start.ToString("O", CultureInfo.InvariantCulture), "with days and the horizon leaves 2022, the year the twin's weather, prices and carbon cover");
        Check(s.HeatNetwork is not null || s.EvPv is not null, "heatNetwork/evPv", "both null", "leave nothing to simulate");
        if (s.HeatNetwork is { } h)
        {
            Check(h.EnergyWeight is >= 0 and <= 1, "heatNetwork.energyWeight", h.EnergyWeight, "is not in [0, 1]");
            Check(h.CostWeight is >= 0 and <= MaxWeight, "heatNetwork.costWeight", h.CostWeight, $"is not in [0, {MaxWeight}]");
            Check(h.Co2Weight is >= 0 and <= MaxWeight, "heatNetwork.co2Weight", h.Co2Weight, $"is not in [0, {MaxWeight}]");
            Check(h.BandSlackWeight is >= 0 and <= MaxWeight, "heatNetwork.bandSlackWeight", h.BandSlackWeight, $"is not in [0, {MaxWeight}]");
        }

        if (s.EvPv is { } e)
        {
            Check(e.Vehicles is > 0 and <= MaxVehicles, "evPv.vehicles", e.Vehicles, $"is not a number of vehicles in [1, {MaxVehicles}]");
            Check(e.EnergyPerVehicleKwhPerDay is >= 0 and <= 100, "evPv.energyPerVehicleKwhPerDay", e.EnergyPerVehicleKwhPerDay, "is not in [0, 100] kWh");
        }

        Check(!s.LearnedForecasts || Sems.Grains.ForecasterCatalog.Methods.Contains(s.Forecasts), "forecasts", JsonCursor.Quote(s.Forecasts),
            $"is not one of {Scenario.NoisyTruth}, {Scenario.DistrictFile}, {string.Join(", ", Sems.Grains.ForecasterCatalog.Methods)}");
        Check(Sems.Twin.PriceScenarios.Names.Contains(s.Prices), "prices", JsonCursor.Quote(s.Prices),
            $"is not one of the twin's price sets: {string.Join(", ", Sems.Twin.PriceScenarios.Names)}");
        Check(s.ForecastHistoryDays is >= 21 and <= 300, "forecastHistoryDays", s.ForecastHistoryDays, "is not in [21, 300] days");
        Check(!s.LearnedForecasts || !inYear || s.Start.AddDays(-s.ForecastHistoryDays) >= first,
            "forecastHistoryDays", s.ForecastHistoryDays, "reaches before 2022, where the twin has no data");
        if (s.RiskLevel is { } risk)
        {
            Check(risk is >= MinRiskLevel and <= MaxRiskLevel, "riskLevel", risk, $"is not a probability in [{MinRiskLevel.ToString(CultureInfo.InvariantCulture)}, {MaxRiskLevel.ToString(CultureInfo.InvariantCulture)}]");
            Check(s.DistrictLimitKw is not null && s.Coordinate, "riskLevel", risk, "needs a districtLimitKw and coordinate true: it is the probability that the coordinated limit holds");
        }

        if (s.DistrictLimitKw is { } limit) Check(limit is >= 0 and <= DistrictReader.MaxPowerKw, "districtLimitKw", limit, "is not a power ≥ 0 kW (at most 1e7 kW)");
        var n = s.Noise;
        foreach (var (field, value, max) in new[]
                 {
                     ("heatLoadForecast", n.HeatLoadForecast, 1.0), ("evDemandForecast", n.EvDemandForecast, 1.0), ("pvForecast", n.PvForecast, 1.0),
                     ("carbonForecast", n.CarbonForecast, 1.0), ("temperatureMeasurementC", n.TemperatureMeasurementC, 10.0), ("storeMeasurementKwh", n.StoreMeasurementKwh, 1000.0),
                 })
            Check(value >= 0 && value <= max, $"noise.{field}", value, $"is not in [0, {max.ToString(CultureInfo.InvariantCulture)}]");
        return problems;
    }
}
