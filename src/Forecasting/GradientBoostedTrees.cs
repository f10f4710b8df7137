using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Sems.Forecasting;

/// <summary>
/// The tree learner shared by the regression methods: 100 trees, learning rate 0.1, 31 leaves, single-threaded with
/// the seed, so results are reproducible.
/// </summary>
internal static class GradientBoostedTrees
{
    private const int Trees = 100;
    private const double LearningRate = 0.1;
    private const int Leaves = 31;

    /// <summary>A trained regressor and the context to run it.</summary>
    public sealed record Fitted(MLContext Ml, ITransformer Regressor)
    {
        /// <summary>The model's prediction for each row.</summary>
        public float[] Predict(IReadOnlyList<float[]> rows) => MlFrames.PredictScores(Ml, Regressor, rows);
    }

    public static Fitted Train(RegressionKind kind, int seed, IReadOnlyList<float[]> rows, IReadOnlyList<float> labels)
    {
        var ml = new MLContext(seed);
        var data = MlFrames.Regression(ml, rows, labels);
        ITransformer regressor = kind == RegressionKind.FastTree
            ? ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                LabelColumnName = MlFrames.LabelColumn,
                FeatureColumnName = MlFrames.FeaturesColumn,
                NumberOfTrees = Trees,
                LearningRate = LearningRate,
                NumberOfLeaves = Leaves,
                NumberOfThreads = 1,
                Seed = seed,
            }).Fit(data)
            : ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = MlFrames.LabelColumn,
                FeatureColumnName = MlFrames.FeaturesColumn,
                NumberOfIterations = Trees,
                LearningRate = LearningRate,
                NumberOfLeaves = Leaves,
                NumberOfThreads = 1,
                Seed = seed,
                Deterministic = true,
                Silent = true,
            }).Fit(data);
        return new Fitted(ml, regressor);
    }

    /// <summary>
    /// Throws unless <paramref name="history"/> spans at least <paramref name="minimumDays"/> days; the message names
    /// <paramref name="method"/> (e.g. "PV regression").
    /// </summary>
    public static void RequireHistoryDays(TimeSeriesData history, int minimumDays, string method)
    {
        var spd = history.StepsPerDay;
        if (history.Count < minimumDays * spd)
            throw new InvalidOperationException($"The history has {history.Count} samples; the {method} needs at least {minimumDays} days ({minimumDays * spd} samples).");
    }

    /// <summary>
    /// Throws unless at least half of <paramref name="minimumDays"/> days of training rows were built; the message
    /// says which steps count (<paramref name="usableSteps"/>, e.g. "a measured value and a measured value a day
    /// earlier") and names <paramref name="method"/>.
    /// </summary>
    public static void RequireTrainingRows(int rowCount, int stepsPerDay, int minimumDays, string usableSteps, string method)
    {
        if (rowCount < minimumDays * stepsPerDay / 2)
            throw new InvalidOperationException($"Only {rowCount} steps have {usableSteps}; the {method} needs at least {minimumDays * stepsPerDay / 2}.");
    }

    /// <summary>
    /// The history's feature names in ordinal order and their series in the same order: the column order of the
    /// feature inputs that training and forecasting share.
    /// </summary>
    public static (string[] Names, double[][] Series) FeaturesByName(TimeSeriesData history)
    {
        var names = history.Features.Keys.Order(StringComparer.Ordinal).ToArray();
        return (names, names.Select(n => history.Features[n]).ToArray());
    }

    /// <summary>"FastTree" or "LightGBM".</summary>
    public static string Label(RegressionKind kind) => kind == RegressionKind.FastTree ? "FastTree" : "LightGBM";
}
