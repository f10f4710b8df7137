using System.CommandLine;
using System.Globalization;
using Sems.Forecasting;
using Sems.Forecasting.Solar;
using Sems.Forecasting.Weather;
using Sems.Grains;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems forecast-eval --csv FILE --time COLUMN --target COLUMN [--feature COLUMN ...] [--test-days 60]
/// [--validation-days N] [--temperature COLUMN] [--irradiance COLUMN] [--weather measured|forecast] [--weather-seed N]
/// [--latitude DEG --longitude DEG] [--json]</c>: cuts the series into train, validation and test blocks, trains every forecasting
/// method on the train block, chooses the series' default on the validation block (the method with the lowest MAE
/// among those that beat seasonal naive there, else seasonal naive) and prints every method's day-ahead accuracy on
/// both blocks and its test MAE by lead hour, in the unit of the target, with the gaps and zero runs it skipped.
/// </summary>
internal static class ForecastEvalCommand
{
    /// <summary>Days before the validation and test days that the methods train on, at least.</summary>
    private const int MinimumTrainingDays = 21;

    private const string Baseline = "seasonal-naive";

    /// <summary>What one forecast-eval run was asked for.</summary>
    private sealed record EvalRequest(
        string File, string Time, string Target, IReadOnlyList<string> Features, string? Temperature, string? Irradiance, bool ForecastWeather,
        int WeatherSeed, double? Latitude, double? Longitude, int TestDays, int? ValidationDays, int Seed, string? Unit, bool Json);

    private const string TestDaysRange = "from 1 to the number of days in the file";

    public const string Notes = """
        --validation-days defaults to --test-days; both together at most the file's days minus 21 (the least training).
        The default (*) is chosen on the validation block only. CSV files are read as UTF-8 (times 1900–2199, steps of
        whole minutes up to 1 h). Exit code 2 for invalid data or options, 3 when the file cannot be read.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = CliOptions.Text("--csv", "The hourly or sub-hourly CSV file (UTF-8).", "FILE", required: true);
        var time = CliOptions.Text("--time", "The column of timestamps.", "COLUMN", required: true);
        var target = CliOptions.Text("--target", "The column to forecast.", "COLUMN", required: true);
        var features = new Option<string[]>("--feature") { Description = "A column of an explanatory variable; repeat for more.", HelpName = "COLUMN", Arity = ArgumentArity.ZeroOrMore };
        var testDays = CliOptions.WholeNumber("--test-days", "The last days to forecast day-ahead (the test block).", 60, 1, int.MaxValue, TestDaysRange);
        var validationDays = CliOptions.WholeNumber("--validation-days", "The days just before the test block on which the default method is chosen (default: as many as --test-days).", 0, 1, int.MaxValue, TestDaysRange);
        validationDays.DefaultValueFactory = null; // not given = as many as --test-days; the help must not show a default of 0
        var seed = CliOptions.WholeNumber("--seed", "Seed of the learned methods, from 0 to 2147483647.", 1, 0, int.MaxValue, "from 0 to 2147483647");
        var temperature = new Option<string>("--temperature") { Description = "A feature column that is the 2 m air temperature, °C (degraded with --weather forecast).", HelpName = "COLUMN" };
        var irradiance = new Option<string>("--irradiance") { Description = "A feature column that is the global horizontal irradiance, W/m² (degraded with --weather forecast; the PV methods' cloud index).", HelpName = "COLUMN" };
        var weather = new Option<string>("--weather") { Description = "What the forecasts get as the horizon's weather: measured (the measured values, an upper bound) or forecast (day-ahead forecasts with a seeded published error, issued at each forecast's midnight).", HelpName = "measured|forecast", DefaultValueFactory = _ => "measured" };
        weather.AcceptOnlyFromAmong("measured", "forecast");
        var weatherSeed = CliOptions.WholeNumber("--weather-seed", "Seed of the weather forecast error, from 0 to 2147483647.", 1, 0, int.MaxValue, "from 0 to 2147483647");
        var latitude = CliOptions.Number("--latitude", "Latitude of a PV system, degrees north; with --longitude adds the PV methods.", double.NaN, -90, true, 90, true, "from -90 to 90");
        var longitude = CliOptions.Number("--longitude", "Longitude of a PV system, degrees east.", double.NaN, -180, true, 180, true, "from -180 to 180");
        latitude.DefaultValueFactory = null;
        longitude.DefaultValueFactory = null;
        var unit = new Option<string>("--unit") { Description = "The target's unit in the output (e.g. kW).", HelpName = "TEXT" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (every method's validation and test scores, MAE by lead hour, the chosen default) instead of the tables." };
        var command = new Command("forecast-eval",
            "Day-ahead accuracy (MAE, RMSE, NMBE, CV(RMSE), MAE by lead hour) of every forecasting method on a validation and a test block at the end of any hourly or sub-hourly CSV, trained on everything before them; chooses the default on the validation block; reports the gaps and zero runs it skipped.")
        {
            csv, time, target, features, temperature, irradiance, weather, weatherSeed, latitude, longitude, testDays, validationDays, seed, unit, json,
        };
        command.SetAction(result => Run(
            new EvalRequest(
                result.GetRequiredValue(csv), result.GetRequiredValue(time), result.GetRequiredValue(target), result.GetValue(features) ?? [],
                result.GetValue(temperature), result.GetValue(irradiance), result.GetValue(weather) == "forecast", result.GetValue(weatherSeed),
                result.GetResult(latitude) is { Implicit: false } ? result.GetValue(latitude) : null,
                result.GetResult(longitude) is { Implicit: false } ? result.GetValue(longitude) : null,
                result.GetValue(testDays), result.GetResult(validationDays) is { Implicit: false } ? result.GetValue(validationDays) : null,
                result.GetValue(seed), result.GetValue(unit), result.GetValue(json)),
            stdout, stderr));
        return command;
    }

    /// <summary>
    /// The candidates in catalog order. The day-prototype methods are scored but removed from the defaults: on the
    /// test block they beat seasonal naive on none of the series of <c>data/forecasting/</c> (docs/forecasting.md).
    /// </summary>
    internal static IReadOnlyList<ForecastCandidate> Candidates(int seed, SiteLocation? site = null, string? irradiance = null)
    {
        var candidates = ForecasterCatalog.Methods
            .Select(m => new ForecastCandidate(m, ForecasterCatalog.Create(m, seed), Eligible: !m.StartsWith("day-prototype", StringComparison.Ordinal)))
            .ToList();
        if (site is not null)
        {
            candidates.Add(new ForecastCandidate("pv-clear-sky", new ClearSkyPvForecaster(site, irradiance)));
            candidates.Add(new ForecastCandidate("pv-regression", new PvRegressionForecaster(site, irradiance, RegressionKind.FastTree, seed)));
        }

        return candidates;
    }

    private static int Run(EvalRequest request, TextWriter stdout, TextWriter stderr)
    {
        var (file, time, target, _, temperature, irradiance, forecastWeather, weatherSeed, latitude, longitude, testDays, validationDays, seed, unit, json) = request;
        if (latitude.HasValue != longitude.HasValue)
        {
            stderr.WriteLine($"sems: forecast-eval: --latitude and --longitude go together; only {(latitude.HasValue ? "--latitude" : "--longitude")} was given");
            return SemsCli.InvalidInput;
        }

        if (forecastWeather && temperature is null && irradiance is null)
        {
            stderr.WriteLine("sems: forecast-eval --weather: forecast needs --temperature or --irradiance to name the weather columns to forecast");
            return SemsCli.InvalidInput;
        }

        var features = request.Features.Concat(new[] { temperature, irradiance }.OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
        if (CsvInputFile.Read(file, stderr, out var readFailure) is not { } text) return readFailure;

        var read = CsvSeriesReader.Read(text, time, target, features);
        foreach (var note in read.Notes) stderr.WriteLine($"note: {note}");
        if (read.Data is null)
        {
            stderr.WriteLine($"sems: {file} cannot be evaluated ({read.Problems.Count} problem{(read.Problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in read.Problems) stderr.WriteLine($"  {problem}");
            return SemsCli.InvalidInput;
        }

        var data = read.Data;
        var days = data.Count / data.StepsPerDay;
        var name = Path.GetFileName(file);
        var spare = days - MinimumTrainingDays;
        var mostTest = validationDays is { } given ? spare - given : spare / 2;
        if ((long)testDays > mostTest)
        {
            var why = validationDays is null ? $"the validation block defaults to as many days, so --test-days must be at most ({days} − {MinimumTrainingDays}) / 2" : $"--validation-days takes {validationDays}";
            stderr.WriteLine($"sems: forecast-eval --test-days: {testDays} is more than {name} allows: it holds {days} days and at least {MinimumTrainingDays} must remain to train on; {why} (here at most {Math.Max(0, mostTest)})");
            return SemsCli.InvalidInput;
        }

        var validation = validationDays ?? testDays;
        var unitText = unit ?? "units of the target";
        IHorizonFeatures horizon = MeasuredHorizonFeatures.Instance;
        if (forecastWeather)
        {
            var quantities = new Dictionary<string, WeatherQuantity>(StringComparer.Ordinal);
            if (temperature is not null) quantities[temperature] = WeatherQuantity.TemperatureC;
            if (irradiance is not null) quantities[irradiance] = WeatherQuantity.IrradianceWm2;
            horizon = new WeatherForecastFeatures(new WeatherForecastError(weatherSeed), quantities);
        }

        SeriesSelection selection;
        try
        {
            var site = latitude is { } lat && longitude is { } lon ? new SiteLocation(lat, lon) : null;
            // With a PV site, day-by-day quantiles are issued and scored in daylight only (clear sky above 0 W/m²).
            Func<DateTimeOffset, bool>? daylight = site is null ? null : t => SolarGeometry.MeanClearSkyGhiWm2(site, t, data.Step) > 0;
            selection = ForecastMethodSelector.Evaluate(Candidates(seed, site, irradiance), Baseline, data, validation, testDays, horizon, daylight);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            stderr.WriteLine($"sems: {name} cannot be evaluated: {e.Message}");
            return SemsCli.InvalidInput;
        }

        if (json)
        {
            stdout.WriteLine(ForecastEvalOutput.Json(selection, name, target, unit, data, horizon.Name));
            return 0;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {target}, {data.Count} samples of {data.Step.TotalMinutes:0} min from {data.Start:yyyy-MM-dd}; trained on {selection.TrainingDays} days, default chosen on the {validation} validation days from {selection.ValidationStart:yyyy-MM-dd}, tested day-ahead on the last {testDays} days from {selection.TestStart:yyyy-MM-dd}; horizon weather: {horizon.Name}"));
        ForecastEvalOutput.WriteTable(stdout, selection, unitText);
        stdout.WriteLine($"MAE and RMSE in {unitText}; NMBE and CV(RMSE) per ASHRAE Guideline 14, %; \"vs naive\" is the change of MAE against {Baseline} on the same block.");
        return 0;
    }
}
