namespace Sems.Twin;

/// <summary>
/// Coefficient of performance of the Greenwich water-source heat pump and the temperature of its source, the
/// tidal Thames (O'Dwyer et al., Sustainable Cities and Society 62 (2020) 102412, §4.1: COP as a function of source
/// and sink temperatures).
/// </summary>
public static class HeatPumpCop
{
    /// <summary>
    /// Default fraction of the Carnot COP achieved, 0.45 (dimensionless): engineering rule of thumb that real
    /// vapour-compression heat pumps reach roughly 40–50 % of the Carnot COP, consistent with the test and field data
    /// surveyed by I. Staffell, D. Brett, N. Brandon, A. Hawkes, "A review of domestic heat pumps", Energy Environ.
    /// Sci. 5 (2012) 9291–9306.
    /// </summary>
    public const double DefaultCarnotEfficiency = 0.45;

    /// <summary>
    /// Lower bound of the COP, 1 (dimensionless): a heat pump delivers at least its electrical input as heat
    /// (compressor work ends up in the condenser; equivalent to direct resistive heating). Applied when a large
    /// lift would make η·COP<sub>Carnot</sub> fall below 1.
    /// </summary>
    public const double MinimumCop = 1.0;

    /// <summary>Offset from degrees Celsius to kelvin, 273.15 K (SI definition).</summary>
    public const double ZeroCelsiusK = 273.15;

    /// <summary>Annual mean of the river temperature model, 14 °C (assumption: mid-point of the ~8–20 °C annual range of the tidal Thames at London).</summary>
    public const double RiverMeanC = 14.0;

    /// <summary>Seasonal amplitude of the river temperature model, 6 °C (assumption: half of the ~8–20 °C annual range of the tidal Thames at London).</summary>
    public const double RiverAmplitudeC = 6.0;

    /// <summary>
    /// Day of year of the warmest river water, 200 (19 July; assumption: large rivers lag the air-temperature peak by a
    /// few weeks; design target: mid-November at ~11 °C, the river temperature assumed for November case-study windows).
    /// </summary>
    public const double RiverPeakDayOfYear = 200.0;

    /// <summary>Mean length of the year, 365.2425 days (Gregorian calendar).</summary>
    public const double DaysPerYear = 365.2425;

    /// <summary>
    /// COP of a water-source heat pump lifting heat from <paramref name="sourceC"/> to <paramref name="sinkC"/> (°C):
    /// η·T<sub>sink</sub>/(T<sub>sink</sub> − T<sub>source</sub>) with temperatures in kelvin, bounded below by
    /// <see cref="MinimumCop"/>. Never above the Carnot COP for η ≤ 1.
    /// </summary>
    /// <exception cref="ArgumentException">When the sink is not warmer than the source, or η is not in (0, 1].</exception>
    public static double WaterSource(double sourceC, double sinkC, double carnotEfficiency = DefaultCarnotEfficiency)
    {
        if (!(carnotEfficiency > 0.0 && carnotEfficiency <= 1.0))
        {
            throw new ArgumentException($"Carnot efficiency must be in (0, 1]; got {carnotEfficiency}.", nameof(carnotEfficiency));
        }

        if (!(sinkC > sourceC))
        {
            throw new ArgumentException(
                $"The sink ({sinkC} °C) must be warmer than the source ({sourceC} °C) for a heat-pump COP to be defined.",
                nameof(sinkC));
        }

        var sinkK = sinkC + ZeroCelsiusK;
        var carnot = sinkK / (sinkC - sourceC);
        return Math.Max(MinimumCop, carnotEfficiency * carnot);
    }

    /// <summary>
    /// Seasonal model of the tidal Thames water temperature at Greenwich in °C:
    /// <see cref="RiverMeanC"/> + <see cref="RiverAmplitudeC"/>·cos(2π (d − <see cref="RiverPeakDayOfYear"/>) / 365.2425),
    /// with d the fractional UTC day of year. Range 8–20 °C: ~8 °C in mid-January, ~20 °C in mid-July, ~11 °C in
    /// mid-November. A smooth climatology without weather-driven or tidal variation; no measured river data is used.
    /// </summary>
    public static double RiverTemperatureC(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        var dayOfYear = utc.DayOfYear - 1 + utc.TimeOfDay.TotalDays;
        return RiverMeanC + RiverAmplitudeC * Math.Cos(2.0 * Math.PI * (dayOfYear - RiverPeakDayOfYear) / DaysPerYear);
    }
}
