using Sems.Contracts;

namespace Sems.Grains;

/// <summary>
/// Persisted state of a forecast grain: its configuration, the history of each input and of the measured weather
/// (keys <see cref="ForecastGrain.WeatherKey"/>), and its training record.
/// </summary>
[GenerateSerializer, Alias("sems.ForecastState")]
public sealed class ForecastState
{
    [Id(0)] public ForecastConfiguration? Configuration { get; set; }

    /// <summary>Time of the first sample of every input's history (all share one grid).</summary>
    [Id(1)] public DateTimeOffset HistoryStart { get; set; }

    /// <summary>Input (or measured weather feature) → values on the grid from <see cref="HistoryStart"/>; NaN where nothing was observed.</summary>
    [Id(2)] public Dictionary<string, List<double>> History { get; set; } = [];

    [Id(3)] public DateTimeOffset? LastTrained { get; set; }

    [Id(4)] public double LastTrainingMs { get; set; }

    [Id(5)] public int Trainings { get; set; }
}
