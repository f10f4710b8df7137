using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sems.Silo.Simulation;

/// <summary>
/// Reads a scenario from JSON (camelCase names of <see cref="Scenario"/>; omitted fields keep their defaults) and checks
/// it. Every problem names the field and the value; unknown fields are errors, so a typo never silently runs the default.
/// </summary>
public static class ScenarioFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static (Scenario? Scenario, IReadOnlyList<string> Problems) Read(string json)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, Options);
        }
        catch (JsonException e)
        {
            return (null, [$"{e.Path ?? "$"}: {e.Message.Split(" Path:")[0]}"]);
        }

        if (scenario is null) return (null, ["$: null is not a scenario"]);
        var problems = Validate(scenario);
        return problems.Count == 0 ? (scenario, problems) : (null, problems);
    }

    public static IReadOnlyList<string> Validate(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var problems = new List<string>();
        void Check(bool ok, string field, object? value, string rule)
        {
            if (!ok) problems.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: {value} {rule}"));
        }

        Check(!string.IsNullOrWhiteSpace(s.Name) && s.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "name", $"\"{s.Name}\"", "is not a name of letters, digits, '-' and '_'");
        Check(s.StepMinutes is > 0 and <= 60 && 60 % s.StepMinutes == 0, "stepMinutes", s.StepMinutes, "does not divide an hour");
        Check(s.HorizonSteps is >= 4 and <= 672, "horizonSteps", s.HorizonSteps, "is not in [4, 672]");
        Check(s.Days > 0 && double.IsFinite(s.Days), "days", s.Days, "is not a positive number of days");
        var end = s.Start.AddDays(s.Days).AddMinutes((double)s.HorizonSteps * s.StepMinutes);
        Check(s.Start >= new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero) && end <= new DateTimeOffset(2022, 12, 31, 0, 0, 0, TimeSpan.Zero),
            "start", s.Start.ToString("O", CultureInfo.InvariantCulture), "with days and the horizon leaves 2022, the year the twin's weather, prices and carbon cover");
        Check(s.HeatNetwork is not null || s.EvPv is not null, "heatNetwork/evPv", "both null", "leave nothing to simulate");
        if (s.HeatNetwork is { } h)
        {
            Check(h.EnergyWeight is >= 0 and <= 1, "heatNetwork.energyWeight", h.EnergyWeight, "is not in [0, 1]");
            Check(h.CostWeight >= 0 && double.IsFinite(h.CostWeight), "heatNetwork.costWeight", h.CostWeight, "is not ≥ 0");
            Check(h.Co2Weight >= 0 && double.IsFinite(h.Co2Weight), "heatNetwork.co2Weight", h.Co2Weight, "is not ≥ 0");
            Check(h.BandSlackWeight >= 0 && double.IsFinite(h.BandSlackWeight), "heatNetwork.bandSlackWeight", h.BandSlackWeight, "is not ≥ 0");
        }

        if (s.EvPv is { } e)
        {
            Check(e.Vehicles > 0, "evPv.vehicles", e.Vehicles, "is not a positive number of vehicles");
            Check(e.EnergyPerVehicleKwhPerDay >= 0 && double.IsFinite(e.EnergyPerVehicleKwhPerDay), "evPv.energyPerVehicleKwhPerDay", e.EnergyPerVehicleKwhPerDay, "is not ≥ 0 kWh");
        }

        Check(s.Forecasts == Scenario.NoisyTruth || Sems.Grains.ForecasterCatalog.Methods.Contains(s.Forecasts), "forecasts", $"\"{s.Forecasts}\"",
            $"is not one of {Scenario.NoisyTruth}, {string.Join(", ", Sems.Grains.ForecasterCatalog.Methods)}");
        Check(s.ForecastHistoryDays is >= 21 and <= 300, "forecastHistoryDays", s.ForecastHistoryDays, "is not in [21, 300] days");
        Check(s.Forecasts == Scenario.NoisyTruth || s.Start.AddDays(-s.ForecastHistoryDays) >= new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero),
            "forecastHistoryDays", s.ForecastHistoryDays, "reaches before 2022, where the twin has no data");
        if (s.DistrictLimitKw is { } limit) Check(limit >= 0 && double.IsFinite(limit), "districtLimitKw", limit, "is not a power ≥ 0 kW");
        var n = s.Noise;
        foreach (var (field, value) in new[] { ("heatLoadForecast", n.HeatLoadForecast), ("evDemandForecast", n.EvDemandForecast), ("pvForecast", n.PvForecast), ("carbonForecast", n.CarbonForecast), ("temperatureMeasurementC", n.TemperatureMeasurementC), ("storeMeasurementKwh", n.StoreMeasurementKwh) })
            Check(value >= 0 && double.IsFinite(value), $"noise.{field}", value, "is not ≥ 0");
        return problems;
    }
}
