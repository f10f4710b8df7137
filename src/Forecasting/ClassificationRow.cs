namespace Sems.Forecasting;

/// <summary>An ML.NET row with a feature vector and a class label (a cluster number).</summary>
internal sealed class ClassificationRow
{
    public float[] Features { get; set; } = [];

    public uint Label { get; set; }
}
