namespace Sems.Forecasting;

/// <summary>The ensemble classifier (and daily-level regressor) of <see cref="DayPrototypeForecaster"/>.</summary>
public enum ClassifierKind
{
    /// <summary>Gradient-boosted trees: ML.NET FastTree, one-versus-all over the clusters (100 trees, learning rate 0.1, as in the paper).</summary>
    GradientBoosting,

    /// <summary>Random forest: ML.NET FastForest, one-versus-all over the clusters (100 trees).</summary>
    RandomForest,
}
