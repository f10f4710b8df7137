namespace Sems.Forecasting;

/// <summary>An ML.NET row with a feature vector and a real-valued label.</summary>
internal sealed class RegressionRow
{
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}
