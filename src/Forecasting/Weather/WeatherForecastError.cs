namespace Sems.Forecasting.Weather;

/// <summary>
/// Turns measured weather into a day-ahead weather forecast with a seeded error whose standard deviation grows with
/// the lead time (valid − issued) as <see cref="WeatherErrorProfile"/> states (by default
/// <see cref="WeatherErrorProfile.Published"/>, which cites its sources). Deterministic: the same seed, issue time and
/// valid time give the same error whatever was asked before. The errors of one issue time are correlated along the
/// lead: a standard normal AR(1) process on a 15-minute lead grid, started at lead 0 from the issue time's own random
/// stream, with the correlation exp(−Δ / <see cref="WeatherErrorProfile.CorrelationHours"/>) between leads Δ hours
/// apart, scaled by the lead's standard deviation. Leads are rounded to the nearest 15 minutes; at most 7 days.
/// Temperature and irradiance errors are independent of each other.
/// <list type="bullet">
/// <item>Temperature: forecast = measured + σ_T(lead)·z, in °C (an additive error in K).</item>
/// <item>Global irradiance: forecast = measured·exp(s·z − s²/2) with s² = ln(1 + σ_G(lead)²), a log-normal factor of
/// mean 1 and standard deviation σ_G(lead); so it is never negative, a dark hour stays 0, and it is cut to
/// max(<see cref="WeatherErrorProfile.IrradianceCapWm2"/>, measured).</item>
/// </list>
/// A missing measurement (NaN) gives a missing forecast (NaN).
/// </summary>
/// <param name="seed">Seed of the error streams.</param>
/// <param name="profile">Error magnitudes; null for <see cref="WeatherErrorProfile.Published"/>.</param>
public sealed class WeatherForecastError(int seed, WeatherErrorProfile? profile = null)
{
    /// <summary>The lead grid of the AR(1) error process.</summary>
    public static readonly TimeSpan LeadGrid = TimeSpan.FromMinutes(15);

    /// <summary>The longest lead a forecast may have.</summary>
    public static readonly TimeSpan MaxLead = TimeSpan.FromDays(7);

    private const ulong TemperatureStream = 0x54454D50UL; // "TEMP"
    private const ulong IrradianceStream = 0x49525241UL; // "IRRA"

    private readonly WeatherErrorProfile _profile = Validated(profile ?? WeatherErrorProfile.Published);

    /// <summary>The error magnitudes in use.</summary>
    public WeatherErrorProfile Profile => _profile;

    /// <summary>The seed of the error streams.</summary>
    public int Seed => seed;

    /// <summary>Forecast 2 m temperature valid at <paramref name="valid"/>, issued at <paramref name="issued"/>, °C.</summary>
    /// <param name="issued">When the forecast was issued (its information ends there).</param>
    /// <param name="valid">When the forecast value applies, at or after <paramref name="issued"/>.</param>
    /// <param name="measuredC">The measured temperature at <paramref name="valid"/>, °C; NaN when missing.</param>
    public double TemperatureC(DateTimeOffset issued, DateTimeOffset valid, double measuredC)
    {
        var lead = LeadSteps(issued, valid);
        if (double.IsNaN(measuredC)) return double.NaN;
        if (double.IsInfinity(measuredC))
            throw new ArgumentOutOfRangeException(nameof(measuredC), measuredC, "The measured temperature must be finite (°C) or NaN when missing.");
        var leadHours = lead * LeadGrid.TotalHours;
        return measuredC + _profile.TemperatureSigmaK(leadHours) * StandardError(TemperatureStream, issued, lead);
    }

    /// <summary>Forecast global horizontal irradiance valid at <paramref name="valid"/>, issued at
    /// <paramref name="issued"/>, W/m².</summary>
    /// <param name="issued">When the forecast was issued (its information ends there).</param>
    /// <param name="valid">When the forecast value applies, at or after <paramref name="issued"/>.</param>
    /// <param name="measuredWm2">The measured irradiance at <paramref name="valid"/>, W/m² (≥ 0); NaN when missing.</param>
    public double IrradianceWm2(DateTimeOffset issued, DateTimeOffset valid, double measuredWm2)
    {
        var lead = LeadSteps(issued, valid);
        if (double.IsNaN(measuredWm2)) return double.NaN;
        if (double.IsInfinity(measuredWm2) || measuredWm2 < 0)
            throw new ArgumentOutOfRangeException(nameof(measuredWm2), measuredWm2, "The measured irradiance must be a finite value ≥ 0 W/m² or NaN when missing.");
        if (measuredWm2 == 0) return 0;
        var sigma = _profile.IrradianceRelativeSigma(lead * LeadGrid.TotalHours);
        var s2 = Math.Log(1 + sigma * sigma);
        var factor = Math.Exp(Math.Sqrt(s2) * StandardError(IrradianceStream, issued, lead) - s2 / 2);
        return Math.Min(measuredWm2 * factor, Math.Max(_profile.IrradianceCapWm2, measuredWm2));
    }

    /// <summary>The standard normal error of one issue time at lead step <paramref name="lead"/> (AR(1) along the lead).</summary>
    internal double StandardError(ulong stream, DateTimeOffset issued, int lead)
    {
        var state = Mix((ulong)(uint)seed ^ (stream << 32)) ^ Mix((ulong)issued.UtcTicks + stream);
        var phi = Math.Exp(-LeadGrid.TotalHours / _profile.CorrelationHours);
        var innovation = Math.Sqrt(1 - phi * phi);
        var z = Normal(ref state);
        for (var k = 1; k <= lead; k++) z = phi * z + innovation * Normal(ref state);
        return z;
    }

    private static int LeadSteps(DateTimeOffset issued, DateTimeOffset valid)
    {
        var lead = valid - issued;
        if (lead < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(valid), valid, $"The valid time must not be before the issue time {issued:O}.");
        if (lead > MaxLead)
            throw new ArgumentOutOfRangeException(nameof(valid), valid, $"The lead (valid − issued) must be at most {MaxLead.TotalDays} days; it is {lead}.");
        return (int)Math.Round(lead / LeadGrid, MidpointRounding.AwayFromZero);
    }

    private static WeatherErrorProfile Validated(WeatherErrorProfile profile)
    {
        profile.Validate();
        return profile;
    }

    // SplitMix64 (Steele, Lea, Flood 2014): a fixed, documented generator so that errors never change with the runtime.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static double Uniform(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var x = Mix(state);
        return ((x >> 11) + 0.5) * (1.0 / (1UL << 53)); // in (0, 1)
    }

    private static double Normal(ref ulong state)
    {
        var u1 = Uniform(ref state);
        var u2 = Uniform(ref state);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2); // Box–Muller
    }
}
