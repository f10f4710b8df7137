using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Sems.Forecasting;

namespace Sems.Bench;

/// <summary>
/// Training time (on 305 days of hourly gas load of Cambridge building b27) and day-ahead inference time (24 hourly
/// steps; 96 quarter-hours cost the same per row) of every forecasting method, as one subsystem's forecast grain uses
/// them. Few iterations: a training takes up to seconds. One core, as the other benchmarks.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RuntimeMoniker.HostProcess, launchCount: 1, warmupCount: 1, iterationCount: 5, id: "Forecasting")]
public class ForecastingBenchmarks
{
    private TimeSeriesData _history = null!;
    private IForecaster _trained = null!;
    private DateTimeOffset _next;

    [Params("seasonal-naive", "day-prototype-gb", "day-prototype-rf", "regression-fasttree", "regression-lightgbm")]
    public string Method { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var csv = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "cambridge_gas_b27.csv"));
        var all = CsvSeriesReader.Read(csv, "time", "value", ["temperature_c"]).Data!;
        _history = all.Slice(0, 305 * 24);
        _next = _history.End;
        _trained = Create();
        _trained.Train(_history);
    }

    [Benchmark]
    public IForecaster Train()
    {
        var forecaster = Create();
        forecaster.Train(_history);
        return forecaster;
    }

    [Benchmark]
    public double[] ForecastDayAhead() => _trained.Forecast(_history, _next, 24, null);

    private IForecaster Create() => Method switch
    {
        "seasonal-naive" => new SeasonalNaiveForecaster(),
        "day-prototype-gb" => new DayPrototypeForecaster(classifier: ClassifierKind.GradientBoosting, seed: 1),
        "day-prototype-rf" => new DayPrototypeForecaster(classifier: ClassifierKind.RandomForest, seed: 1),
        "regression-fasttree" => new RegressionForecaster(RegressionKind.FastTree, 1),
        _ => new RegressionForecaster(RegressionKind.LightGbm, 1),
    };
}
