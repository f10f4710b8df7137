using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Sems.Forecasting;

/// <summary>
/// The classification-based method of Section 2.2.1 of the paper: the history is cut into calendar days, k-means
/// (ML.NET <see cref="KMeansTrainer"/>) groups the daily profiles into prototype days, and an ensemble classifier
/// (gradient boosting or random forest) picks tomorrow's prototype from the day type, the day of week, the daily mean
/// of each feature (e.g. temperature in °C) and the previous day's mean value.
/// </summary>
/// <remarks>
/// <para>
/// Level and shape are separated. The clusters are built from each day's <em>shape</em>: for a non-negative target
/// (heat, PV, EV demand) the profile divided by its daily mean (a shape with mean 1), otherwise the profile minus its
/// daily mean (a shape with mean 0). A second tree ensemble of the same kind regresses the daily mean itself on the
/// same features, and the forecast is prototype shape × predicted mean (or + predicted mean). Clustering raw profiles,
/// as the paper does, makes the clusters carry the daily level too: with 8 clusters a demand whose level follows the
/// temperature continuously is quantised into 8 levels, and the classifier has to pick the right one from scarce
/// examples per level. Separating them keeps the prototypes to what recurs (the daily pattern of occupancy, weekends,
/// the sun's path) and lets the level follow the temperature without steps. Days whose mean is below 0.1 % of the
/// largest daily mean (e.g. a PV day of snow cover) have no usable shape: they train the level model only.
/// </para>
/// <para>
/// Features of a day: day type one-hot (weekday, weekend, holiday), day of week (Monday = 0 … Sunday = 6), the
/// day's mean of every feature series of the history (from the future features when given, else the last measured
/// day's), and the mean of the latest complete day in the 7 days before. Days with a missing sample are not learned
/// from. The paper's gradient-boosting settings are used: 100 trees, learning rate 0.1; the random forest has 100
/// trees. Each <see cref="Train"/> uses a fresh <see cref="MLContext"/> seeded with the seed and single-threaded
/// trainers, so results are reproducible.
/// </para>
/// </remarks>
/// <param name="clusters">Number of k-means prototypes (at most the number of training days with a shape).</param>
/// <param name="classifier">The ensemble used for the prototype classifier and the daily-mean regression.</param>
/// <param name="seed">Seed of the ML.NET context (k-means++ initialisation, tree sampling).</param>
public sealed class DayPrototypeForecaster(int clusters = 8, ClassifierKind classifier = ClassifierKind.GradientBoosting, int seed = 1) : IForecaster
{
    private const int Trees = 100;
    private const double LearningRate = 0.1;
    private const int MinimumTrainingDays = 14;
    private const int PreviousDayLookBackDays = 7;
    private const double NoShapeFraction = 1e-3;

    private readonly int _clusters = clusters >= 1 ? clusters : throw new ArgumentOutOfRangeException(nameof(clusters), clusters, "At least one cluster is needed.");
    private Model? _model;

    /// <inheritdoc />
    public string Name => $"Day prototype (k-means {_clusters}, {(classifier == ClassifierKind.GradientBoosting ? "gradient boosting" : "random forest")})";

    /// <summary>The ensemble used for classification and the daily-mean regression.</summary>
    public ClassifierKind Classifier => classifier;

    /// <summary>
    /// The prototype day shapes learned by the last <see cref="Train"/> (one array of steps-per-day values each;
    /// mean 1 for a non-negative target, mean 0 otherwise); empty before training.
    /// </summary>
    public IReadOnlyList<double[]> Prototypes => _model?.Prototypes.Values.ToList() ?? [];

    /// <inheritdoc />
    public void Train(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var spd = history.StepsPerDay;
        var first = DailyCalendar.FirstDayStart(history);
        var dayCount = DailyCalendar.WholeDays(history, history.Count);
        var featureNames = history.Features.Keys.Order(StringComparer.Ordinal).ToArray();
        var nonNegative = history.Values.All(v => double.IsNaN(v) || v >= 0.0);

        var means = new double[dayCount];
        for (var d = 0; d < dayCount; d++)
        {
            means[d] = DailyCalendar.Mean(history.Values, first + d * spd, spd);
        }

        var rows = new List<float[]>();
        var levels = new List<float>();
        var shapeDays = new List<int>();
        for (var d = 0; d < dayCount; d++)
        {
            if (double.IsNaN(means[d]))
            {
                continue;
            }

            var previous = double.NaN;
            for (var k = 1; k <= PreviousDayLookBackDays && d - k >= 0 && double.IsNaN(previous); k++)
            {
                previous = means[d - k];
            }

            if (double.IsNaN(previous))
            {
                continue;
            }

            var start = first + d * spd;
            var date = history.DateAt(start);
            var featureMeans = featureNames.Select(n => DailyCalendar.Mean(history.Features[n], start, spd)).ToArray();
            rows.Add(DayFeatures(history.DayTypeOf(date), date, featureMeans, previous));
            levels.Add((float)means[d]);
            shapeDays.Add(d);
        }

        if (rows.Count < MinimumTrainingDays)
        {
            throw new InvalidOperationException($"The history has {rows.Count} complete days with a complete day before them; the day-prototype method needs at least {MinimumTrainingDays}.");
        }

        var largest = means.Where(m => !double.IsNaN(m)).Max(Math.Abs);
        var threshold = NoShapeFraction * largest;
        var shapeRows = new List<int>();
        var shapes = new List<float[]>();
        for (var r = 0; r < rows.Count; r++)
        {
            var d = shapeDays[r];
            if (nonNegative && means[d] <= threshold)
            {
                continue;
            }

            var start = first + d * spd;
            var shape = new float[spd];
            for (var p = 0; p < spd; p++)
            {
                var v = history.Values[start + p];
                shape[p] = (float)(nonNegative ? v / means[d] : v - means[d]);
            }

            shapeRows.Add(r);
            shapes.Add(shape);
        }

        if (shapes.Count == 0)
        {
            throw new InvalidOperationException("No training day has a usable daily shape (every daily mean is about zero).");
        }

        var ml = new MLContext(seed);
        var labels = Cluster(ml, shapes, Math.Min(_clusters, shapes.Count));
        var prototypes = labels.Distinct().Order().ToDictionary(
            label => label,
            label =>
            {
                var members = shapes.Where((_, i) => labels[i] == label).ToList();
                return Enumerable.Range(0, spd).Select(p => members.Average(s => (double)s[p])).ToArray();
            });

        var classRows = shapeRows.Select(r => rows[r]).ToList();
        var classifierModel = prototypes.Count > 1 ? TrainClassifier(ml, classRows, labels) : null;
        var levelModel = TrainLevel(ml, rows, levels);
        _model = new Model(ml, history.Step, featureNames, nonNegative, prototypes, classifierModel, levelModel);
    }

    /// <inheritdoc />
    public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
    {
        var model = _model ?? throw new InvalidOperationException("Train the forecaster before forecasting.");
        var window = new ForecastWindow(history, start, steps, futureFeatures, model.Step);
        var spd = window.StepsPerDay;
        var j = 0;
        while (j < steps)
        {
            var index = window.StartIndex + j;
            var date = history.DateAt(index);
            var dayStart = history.IndexOf(history.StartOfDay(date));
            var previous = double.NaN;
            for (var k = 1; k <= PreviousDayLookBackDays && double.IsNaN(previous); k++)
            {
                previous = window.DayMean(dayStart - k * spd);
            }

            if (double.IsNaN(previous))
            {
                previous = window.RecentMean;
            }

            var featureMeans = model.FeatureNames
                .Select(n => Enumerable.Range(dayStart, spd).Average(i => window.FeatureAt(n, i)))
                .ToArray();
            float[][] x = [DayFeatures(history.DayTypeOf(date), date, featureMeans, previous)];
            var label = model.Classifier is null ? model.Prototypes.Keys.Single() : MlFrames.PredictLabels(model.Ml, model.Classifier, x)[0];
            var level = (double)MlFrames.PredictScores(model.Ml, model.Level, x)[0];
            if (model.NonNegative)
            {
                level = Math.Max(0.0, level);
            }

            var prototype = model.Prototypes[label];
            for (; j < steps && window.StartIndex + j < dayStart + spd; j++)
            {
                var p = window.StartIndex + j - dayStart;
                window.Forecast[j] = model.NonNegative ? prototype[p] * level : prototype[p] + level;
            }
        }

        return window.Forecast;
    }

    private static float[] DayFeatures(DayType type, DateOnly date, double[] featureMeans, double previousMean)
    {
        var x = new float[5 + featureMeans.Length];
        x[0] = type == DayType.Weekday ? 1f : 0f;
        x[1] = type == DayType.Weekend ? 1f : 0f;
        x[2] = type == DayType.Holiday ? 1f : 0f;
        x[3] = DailyCalendar.DayOfWeekNumber(date);
        for (var i = 0; i < featureMeans.Length; i++)
        {
            x[4 + i] = (float)featureMeans[i];
        }

        x[^1] = (float)previousMean;
        return x;
    }

    private static uint[] Cluster(MLContext ml, IReadOnlyList<float[]> shapes, int k)
    {
        var data = MlFrames.Regression(ml, shapes, new float[shapes.Count]);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = MlFrames.FeaturesColumn,
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 1000,
            NumberOfThreads = 1,
        });
        return trainer.Fit(data).Transform(data).GetColumn<uint>("PredictedLabel").ToArray();
    }

    private ITransformer TrainClassifier(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<uint> labels)
    {
        var data = MlFrames.Classification(ml, features, labels);
        var toKey = ml.Transforms.Conversion.MapValueToKey(MlFrames.LabelColumn);
        var toValue = ml.Transforms.Conversion.MapKeyToValue("PredictedLabel");

        // The binary trainer must be given the same (key-typed) label column as the one-versus-all wrapper.
        ITransformer OneVersusAll<TModel>(ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel> binary)
            where TModel : class =>
            toKey.Append(ml.MulticlassClassification.Trainers.OneVersusAll(binary, labelColumnName: MlFrames.LabelColumn)).Append(toValue).Fit(data);

        return classifier == ClassifierKind.GradientBoosting
            ? OneVersusAll(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = MlFrames.LabelColumn,
                FeatureColumnName = MlFrames.FeaturesColumn,
                NumberOfTrees = Trees,
                LearningRate = LearningRate,
                MinimumExampleCountPerLeaf = 5,
                NumberOfThreads = 1,
                Seed = seed,
            }))
            : OneVersusAll(ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
            {
                LabelColumnName = MlFrames.LabelColumn,
                FeatureColumnName = MlFrames.FeaturesColumn,
                NumberOfTrees = Trees,
                MinimumExampleCountPerLeaf = 5,
                NumberOfThreads = 1,
                Seed = seed,
            }));
    }

    private ITransformer TrainLevel(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<float> levels)
    {
        var data = MlFrames.Regression(ml, features, levels);
        if (classifier == ClassifierKind.GradientBoosting)
        {
            return ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                LabelColumnName = MlFrames.LabelColumn,
                FeatureColumnName = MlFrames.FeaturesColumn,
                NumberOfTrees = Trees,
                LearningRate = LearningRate,
                MinimumExampleCountPerLeaf = 5,
                NumberOfThreads = 1,
                Seed = seed,
            }).Fit(data);
        }

        return ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            LabelColumnName = MlFrames.LabelColumn,
            FeatureColumnName = MlFrames.FeaturesColumn,
            NumberOfTrees = Trees,
            MinimumExampleCountPerLeaf = 5,
            NumberOfThreads = 1,
            Seed = seed,
        }).Fit(data);
    }

    /// <summary>What <see cref="Train"/> learned.</summary>
    private sealed record Model(
        MLContext Ml,
        TimeSpan Step,
        string[] FeatureNames,
        bool NonNegative,
        IReadOnlyDictionary<uint, double[]> Prototypes,
        ITransformer? Classifier,
        ITransformer Level);
}
