using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems forecast-eval</c> on a series whose seasonal-naive error is known in closed form: every method is scored on
/// the validation and the test block, by lead hour, and the default is chosen on the validation block.
/// </summary>
public sealed class ForecastEvalCommandTests : IDisposable
{
    private const int Days = 40;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Hourly heat = 100 + 5·day + 20·sin(2π·hour/24) kW with a constant ground temperature: the same time yesterday is
    /// always exactly 5 kW too low, so seasonal naive has MAE 5 kW on every block and at every lead hour.
    /// </summary>
    private string WriteRamp()
    {
        var text = new StringBuilder("time,heat,ground\n");
        var start = new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 24 * Days; i++)
        {
            var heat = 100.0 + 5.0 * (i / 24) + 20.0 * Math.Sin(2.0 * Math.PI * (i % 24) / 24.0);
            text.Append(CultureInfo.InvariantCulture, $"{start.AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{heat:R},10\n");
        }

        var path = _dir.File("ramp.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Json_holds_every_method_on_both_blocks_by_lead_hour_and_the_default_chosen_on_validation()
    {
        var run = CliRun.Invoke(["forecast-eval", "--csv", WriteRamp(), "--time", "time", "--target", "heat", "--feature", "ground", "--test-days", "5", "--validation-days", "4", "--unit", "kW", "--json"]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;

        Assert.Equal(Days - 4 - 5, root.GetProperty("trainingDays").GetInt32());
        Assert.Equal("2022-04-01T00:00:00.0000000+00:00", root.GetProperty("validationStart").GetString());
        Assert.Equal("2022-04-05T00:00:00.0000000+00:00", root.GetProperty("testStart").GetString());
        Assert.Equal(5.0, root.GetProperty("baselineTestMae").GetDouble(), 6);
        Assert.Equal(5.0, root.GetProperty("baselineValidationMae").GetDouble(), 6);
        var methods = root.GetProperty("methods").EnumerateArray().ToList();
        Assert.Equal(["seasonal-naive", "day-prototype-gb", "day-prototype-rf", "regression-fasttree", "regression-lightgbm", "regression-level", "seasonal-median"],
            methods.Select(m => m.GetProperty("method").GetString()));
        var naive = methods[0].GetProperty("test");
        Assert.Equal(24, naive.GetProperty("maeByLeadHour").GetArrayLength());
        Assert.All(naive.GetProperty("maeByLeadHour").EnumerateArray(), h => Assert.Equal(5.0, h.GetDouble(), 6));
        Assert.Equal(5 * 24, naive.GetProperty("samples").GetInt32());
        foreach (var m in methods) Assert.Equal(24, m.GetProperty("test").GetProperty("maeByLeadHour").GetArrayLength());

        // The day-prototype methods are scored but removed from the defaults.
        Assert.Equal([true, false, false, true, true, true, true], methods.Select(m => m.GetProperty("eligible").GetBoolean()));
        Assert.Equal("measured weather", root.GetProperty("weather").GetString());

        // The rule, applied here to the validation MAEs alone: lowest among the eligible ones below seasonal naive's 5 kW.
        var validation = methods.Where(m => m.GetProperty("eligible").GetBoolean())
            .ToDictionary(m => m.GetProperty("method").GetString()!, m => m.GetProperty("validation").GetProperty("mae").GetDouble());
        var below = validation.Where(v => v.Value < 5.0).OrderBy(v => v.Value).Select(v => v.Key).FirstOrDefault() ?? "seasonal-naive";
        Assert.Equal(below, root.GetProperty("chosen").GetString());
    }

    [Fact]
    public void The_table_names_the_default_and_lists_the_24_lead_hours()
    {
        var run = CliRun.Invoke(["forecast-eval", "--csv", WriteRamp(), "--time", "time", "--target", "heat", "--test-days", "3", "--unit", "kW"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("default (* chosen on the validation block, never on the test block): ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("seasonal-naive's 5 kW", run.Stdout, StringComparison.Ordinal);
        var lines = run.Stdout.Split('\n');
        var hours = lines.SkipWhile(l => !l.StartsWith("hour", StringComparison.Ordinal)).Skip(1).Take(24).ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(h => h.ToString(CultureInfo.InvariantCulture)), hours.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        Assert.All(hours, l => Assert.Equal("5", l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
    }

    [Fact]
    public void The_level_adaptive_regression_follows_the_ramp_that_same_time_yesterday_misses_by_5_kW()
    {
        // Every day is 5 kW above the one before: the departure from yesterday's mean is the same every day, so the
        // level-adaptive regression is near exact while the test levels lie above everything the plain regression saw.
        var run = CliRun.Invoke(["forecast-eval", "--csv", WriteRamp(), "--time", "time", "--target", "heat", "--test-days", "5", "--validation-days", "4", "--unit", "kW", "--json"]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var methods = json.RootElement.GetProperty("methods").EnumerateArray().ToDictionary(m => m.GetProperty("method").GetString()!);
        Assert.InRange(methods["regression-level"].GetProperty("test").GetProperty("mae").GetDouble(), 0, 1.0);
        Assert.True(methods["regression-fasttree"].GetProperty("test").GetProperty("mae").GetDouble() > 5.0);
        Assert.Equal("regression-level", json.RootElement.GetProperty("chosen").GetString());
    }

    [Fact]
    public void Forecast_weather_is_named_in_the_output_leaves_seasonal_naive_alone_and_quantile_coverage_is_reported()
    {
        var path = WriteRamp();
        string[] common = ["forecast-eval", "--csv", path, "--time", "time", "--target", "heat", "--temperature", "ground", "--test-days", "5", "--validation-days", "4", "--json"];
        var measured = CliRun.Invoke(common);
        var forecast = CliRun.Invoke([.. common, "--weather", "forecast", "--weather-seed", "3"]);
        Assert.Equal(0, measured.ExitCode);
        Assert.Equal(0, forecast.ExitCode);
        using var m = JsonDocument.Parse(measured.Stdout);
        using var f = JsonDocument.Parse(forecast.Stdout);
        Assert.Equal("weather forecast (seed 3)", f.RootElement.GetProperty("weather").GetString());
        Assert.Equal(5.0, f.RootElement.GetProperty("baselineTestMae").GetDouble(), 6);
        var coverage = f.RootElement.GetProperty("methods")[0].GetProperty("coverage");
        // Seasonal naive is exactly 5 kW low at every step of both blocks: every residual is +5, so no quantile
        // interval has width and nothing is scored.
        Assert.Equal(JsonValueKind.Null, coverage.ValueKind);
        Assert.Equal(JsonValueKind.Object, f.RootElement.GetProperty("methods")[3].GetProperty("coverage").ValueKind);
    }

    [Theory]
    [InlineData("--weather", "forecast", "--weather: forecast needs --temperature or --irradiance")]
    [InlineData("--latitude", "51", "--latitude and --longitude go together")]
    [InlineData("--weather", "guess", "guess")]
    public void Weather_and_site_options_are_refused_when_incomplete_or_unknown(string option, string value, string message)
    {
        var run = CliRun.Invoke(["forecast-eval", "--csv", WriteRamp(), "--time", "time", "--target", "heat", "--test-days", "3", option, value]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }
}
