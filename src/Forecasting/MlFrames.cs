using Microsoft.ML;
using Microsoft.ML.Data;

namespace Sems.Forecasting;

/// <summary>
/// Builds ML.NET data views with a fixed-width "Features" vector (the width is only known at run time, so it is set
/// through a schema definition) and reads predictions back.
/// </summary>
internal static class MlFrames
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";

    public static IDataView Regression(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<float> labels)
    {
        var rows = features.Select((x, i) => new RegressionRow { Features = x, Label = labels[i] }).ToList();
        return ml.Data.LoadFromEnumerable(rows, Schema<RegressionRow>(features));
    }

    public static IDataView Classification(MLContext ml, IReadOnlyList<float[]> features, IReadOnlyList<uint> labels)
    {
        var rows = features.Select((x, i) => new ClassificationRow { Features = x, Label = labels[i] }).ToList();
        return ml.Data.LoadFromEnumerable(rows, Schema<ClassificationRow>(features));
    }

    /// <summary>The "Score" column of a regression model (or any model with a real-valued score) for the rows.</summary>
    public static float[] PredictScores(MLContext ml, ITransformer model, IReadOnlyList<float[]> features)
    {
        var scored = model.Transform(Regression(ml, features, new float[features.Count]));
        return scored.GetColumn<float>("Score").ToArray();
    }

    /// <summary>The "PredictedLabel" column (a key or a uint value) for the rows.</summary>
    public static uint[] PredictLabels(MLContext ml, ITransformer model, IReadOnlyList<float[]> features)
    {
        var scored = model.Transform(Classification(ml, features, new uint[features.Count]));
        return scored.GetColumn<uint>("PredictedLabel").ToArray();
    }

    private static SchemaDefinition Schema<TRow>(IReadOnlyList<float[]> features)
    {
        if (features.Count == 0)
        {
            throw new ArgumentException("No rows.", nameof(features));
        }

        var schema = SchemaDefinition.Create(typeof(TRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features[0].Length);
        return schema;
    }
}
