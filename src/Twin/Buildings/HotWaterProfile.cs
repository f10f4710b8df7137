namespace Sems.Twin;

/// <summary>
/// Daily shape of the estate's hot-water heat demand on the UK wall clock, as a dimensionless factor whose mean over
/// a day is 1. It is a constant share (standing and circulation losses of the communal system, plus small draws)
/// plus a morning and a broader evening peak of draws. The peak times follow the qualitative profile measured in the
/// Energy Saving Trust field trial "Measurement of domestic hot water consumption in dwellings" (EST for Defra,
/// 2008): a morning peak around 07:00–09:00 and an evening peak around 17:00–21:00. The shares and widths are a
/// design assumption, not a fit to that trial.
/// </summary>
public static class HotWaterProfile
{
    /// <summary>Share of daily hot-water heat that is flat over the day, 0.45 (dimensionless; assumption: losses of a pre-retrofit communal system are a large part of hot-water heat).</summary>
    public const double BaseShare = 0.45;

    /// <summary>Share of daily hot-water heat in the morning peak, 0.25 (dimensionless; assumption, EST 2008 shape).</summary>
    public const double MorningShare = 0.25;

    /// <summary>Share of daily hot-water heat in the evening peak, 0.30 (dimensionless; assumption, EST 2008 shape).</summary>
    public const double EveningShare = 0.30;

    /// <summary>Centre of the morning peak, 07:30 local time (h; EST 2008 morning peak 07:00–09:00).</summary>
    public const double MorningPeakHour = 7.5;

    /// <summary>Width (standard deviation) of the morning peak, 1.0 h (assumption, EST 2008 shape).</summary>
    public const double MorningPeakWidthH = 1.0;

    /// <summary>Centre of the evening peak, 19:00 local time (h; EST 2008 evening peak 17:00–21:00).</summary>
    public const double EveningPeakHour = 19.0;

    /// <summary>Width (standard deviation) of the evening peak, 2.0 h (assumption, EST 2008 shape).</summary>
    public const double EveningPeakWidthH = 2.0;

    /// <summary>Dimensionless hot-water factor at <paramref name="t"/> (UK local clock); its mean over a day is 1.</summary>
    public static double Factor(DateTimeOffset t) => FactorAtLocalHour(UkClock.LocalHourOfDay(t));

    /// <summary>Dimensionless hot-water factor at local clock hour <paramref name="localHour"/> in [0, 24); mean over the day 1.</summary>
    public static double FactorAtLocalHour(double localHour)
    {
        var density = BaseShare / WrappedGaussian.HoursPerDay
            + MorningShare * WrappedGaussian.Density(localHour, MorningPeakHour, MorningPeakWidthH)
            + EveningShare * WrappedGaussian.Density(localHour, EveningPeakHour, EveningPeakWidthH);
        return density * WrappedGaussian.HoursPerDay;
    }
}
