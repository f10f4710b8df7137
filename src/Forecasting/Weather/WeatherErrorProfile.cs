namespace Sems.Forecasting.Weather;

/// <summary>
/// Magnitudes of the error of a day-ahead weather forecast by lead time (time from issue to valid time), used by
/// <see cref="WeatherForecastError"/>. The standard deviation grows linearly in the lead from its value at 1 h to its
/// value at 24 h, is held at the 1 h value for shorter leads and at the 24 h value for longer ones.
/// </summary>
/// <param name="TemperatureSigmaLead1hK">Standard deviation of the additive 2 m temperature error at a lead of 1 h, K.</param>
/// <param name="TemperatureSigmaLead24hK">Standard deviation of the additive 2 m temperature error at a lead of 24 h, K.</param>
/// <param name="IrradianceRelativeSigmaLead1h">Standard deviation of the multiplicative global-irradiance error factor
/// (forecast / measured − 1) at a lead of 1 h, as a fraction (0.2 = 20 %).</param>
/// <param name="IrradianceRelativeSigmaLead24h">The same at a lead of 24 h, as a fraction.</param>
/// <param name="CorrelationHours">E-folding time of the error along the lead of one issued forecast, h: the errors at
/// two leads Δ hours apart have correlation exp(−Δ / <paramref name="CorrelationHours"/>) (AR(1) along the lead).</param>
/// <param name="IrradianceCapWm2">Largest forecast global horizontal irradiance, W/m² (above any clear-sky value at
/// the surface); a forecast above it is cut to it, or to the measured value when that is higher.</param>
public sealed record WeatherErrorProfile(
    double TemperatureSigmaLead1hK,
    double TemperatureSigmaLead24hK,
    double IrradianceRelativeSigmaLead1h,
    double IrradianceRelativeSigmaLead24h,
    double CorrelationHours,
    double IrradianceCapWm2)
{
    /// <summary>
    /// Magnitudes from published verification of operational day-ahead forecasts:
    /// <list type="bullet">
    /// <item>2 m temperature: the day-1 error standard deviation of ECMWF high-resolution forecasts against European
    /// SYNOP stations is about 1.5–2 K (T. Haiden et al., "Evaluation of ECMWF forecasts, including the 2018 upgrade",
    /// ECMWF Technical Memorandum 831, 2018). Used: 1.8 K at 24 h; 1.0 K at 1 h (an assumption: the forecast for the
    /// first hour is close to the analysis, whose error against a station is mostly representativeness).</item>
    /// <item>Global horizontal irradiance: hourly day-ahead forecasts from ECMWF-based models for single stations in
    /// Germany have an RMSE of about 36 % of the mean irradiance on the first forecast day (E. Lorenz, J. Hurka,
    /// D. Heinemann, H. G. Beyer, "Irradiance forecasting for the power prediction of grid-connected photovoltaic
    /// systems", IEEE J. Sel. Top. Appl. Earth Obs. Remote Sens. 2(1), 2–10, 2009), in the 30–50 % range that
    /// R. Perez et al. report for the US, Canada and Europe ("Comparison of numerical weather prediction solar
    /// irradiance forecasts in the US, Canada and Europe", Solar Energy 94, 305–326, 2013). A multiplicative error of
    /// σ on each hour gives an RMSE of σ·rms(G), and daytime rms(G) / mean(G) is about 1.2–1.3, so σ = 0.30 at 24 h
    /// gives about 36–39 % of the mean; 0.20 at 1 h (an assumption).</item>
    /// <item>Correlation along the lead: 6 h e-folding time (an assumption; weather forecast errors persist for hours,
    /// neither source gives a number).</item>
    /// </list>
    /// </summary>
    public static WeatherErrorProfile Published { get; } = new(1.0, 1.8, 0.20, 0.30, 6.0, 1200.0);

    /// <summary>Standard deviation of the temperature error at <paramref name="leadHours"/>, K.</summary>
    public double TemperatureSigmaK(double leadHours) => Interpolate(TemperatureSigmaLead1hK, TemperatureSigmaLead24hK, leadHours);

    /// <summary>Standard deviation of the irradiance error factor at <paramref name="leadHours"/>, as a fraction.</summary>
    public double IrradianceRelativeSigma(double leadHours) =>
        Interpolate(IrradianceRelativeSigmaLead1h, IrradianceRelativeSigmaLead24h, leadHours);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first field that is not a positive finite
    /// number (a standard deviation may be 0).</summary>
    public void Validate()
    {
        NonNegative(TemperatureSigmaLead1hK, nameof(TemperatureSigmaLead1hK));
        NonNegative(TemperatureSigmaLead24hK, nameof(TemperatureSigmaLead24hK));
        NonNegative(IrradianceRelativeSigmaLead1h, nameof(IrradianceRelativeSigmaLead1h));
        NonNegative(IrradianceRelativeSigmaLead24h, nameof(IrradianceRelativeSigmaLead24h));
        if (!double.IsFinite(CorrelationHours) || CorrelationHours <= 0)
            throw new ArgumentOutOfRangeException(nameof(CorrelationHours), CorrelationHours, "CorrelationHours must be a positive number of hours.");
        if (!double.IsFinite(IrradianceCapWm2) || IrradianceCapWm2 <= 0)
            throw new ArgumentOutOfRangeException(nameof(IrradianceCapWm2), IrradianceCapWm2, "IrradianceCapWm2 must be a positive irradiance in W/m².");
    }

    private static void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite standard deviation ≥ 0.");
    }

    private static double Interpolate(double at1h, double at24h, double leadHours)
    {
        var h = Math.Clamp(leadHours, 1.0, 24.0);
        return at1h + (at24h - at1h) * (h - 1.0) / 23.0;
    }
}
