using Sems.Forecasting;

namespace Sems.Grains;

/// <summary>The forecasting methods a forecast grain can use, by name.</summary>
public static class ForecasterCatalog
{
    public static readonly string[] Methods = ["seasonal-naive", "day-prototype-gb", "day-prototype-rf", "regression-fasttree", "regression-lightgbm", "regression-level", "seasonal-median"];

    public static IForecaster Create(string method, int seed) => method switch
    {
        "seasonal-naive" => new SeasonalNaiveForecaster(),
        "day-prototype-gb" => new DayPrototypeForecaster(classifier: ClassifierKind.GradientBoosting, seed: seed),
        "day-prototype-rf" => new DayPrototypeForecaster(classifier: ClassifierKind.RandomForest, seed: seed),
        "regression-fasttree" => new RegressionForecaster(RegressionKind.FastTree, seed),
        "regression-lightgbm" => new RegressionForecaster(RegressionKind.LightGbm, seed),
        "regression-level" => new LevelRegressionForecaster(RegressionKind.LightGbm, seed),
        "seasonal-median" => new SeasonalMedianForecaster(),
        _ => throw new ArgumentException($"method: \"{method}\" is not one of {string.Join(", ", Methods)}", nameof(method)),
    };
}
