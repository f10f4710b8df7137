namespace Sems.Forecasting;

/// <summary>The season that <see cref="SeasonalNaiveForecaster"/> repeats.</summary>
public enum SeasonalNaivePeriod
{
    /// <summary>Same time yesterday (24 h earlier).</summary>
    Day,

    /// <summary>Same time last week (168 h earlier).</summary>
    Week,
}
