namespace Sems.Forecasting;

/// <summary>The gradient-boosting library of <see cref="RegressionForecaster"/>.</summary>
public enum RegressionKind
{
    /// <summary>ML.NET FastTree regression (MART gradient boosting).</summary>
    FastTree,

    /// <summary>LightGBM regression through ML.NET.</summary>
    LightGbm,
}
