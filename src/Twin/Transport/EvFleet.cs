namespace Sems.Twin;

/// <summary>
/// Charging demand of a mixed residential / workplace / car-club EV fleet (Greenwich case: 300 vehicles, half of the
/// demand delayable; O'Dwyer et al., Sustainable Cities and Society 62 (2020) 102412, §4.1).
/// <para>
/// Deterministic part: a daily energy per vehicle (<see cref="WeekdayEnergyKwhPerVehicle"/>,
/// <see cref="WeekendEnergyKwhPerVehicle"/>) spread over the UK wall-clock day by a profile of wrapped Gaussian
/// plug-in peaks, each integrating to its share of the day's energy: on weekdays workplace / fleet arrivals around
/// 09:00, home arrivals around 19:00 and a small overnight share; at weekends a late-morning peak instead of the
/// workplace one. This reproduces the qualitative UK pattern of the Element Energy "Electric Vehicle Charging
/// Behaviour Study" (T. Dodson, S. Slater, 2019), which the Greenwich twin used; it is not digitised from that report.
/// </para>
/// <para>
/// Stochastic part, deterministic from (seed, time) and independent of call order: each local day's energy is
/// scaled by 1 + <see cref="DayScaleStdDev"/>·z clipped to [<see cref="DayScaleMin"/>, <see cref="DayScaleMax"/>]
/// (z standard normal keyed by the day), and each step by max(0, 1 + <see cref="StepNoiseStdDev"/>·z) (z keyed by
/// the step's start time). Demand is therefore never negative, and the fleet's energy over a day is
/// vehicles × daily energy × [0.6, 1.4] before the zero-mean step noise (a few per cent at 15-min steps).
/// The step noise is keyed by the step's start instant only, so it is independent per step whatever the step
/// length; runs that are to be compared should use the same step grid.
/// </para>
/// </summary>
/// <param name="vehicles">Number of vehicles, default 300 (Greenwich case, O'Dwyer et al. 2020 §4.1).</param>
/// <param name="seed">Seed of the stochastic component.</param>
public sealed class EvFleet(int vehicles = 300, int seed = 1)
{
    /// <summary>Share of charging demand that can be delayed (car-club and council fleet vehicles), 0.5 (dimensionless; O'Dwyer et al. 2020 §4.1).</summary>
    public const double DelayableFraction = 0.5;

    /// <summary>
    /// Weekday charging energy, 7.0 kWh per vehicle per day. Basis: DfT National Travel Survey average car mileage of
    /// ~7,400 miles/yr (≈20 miles/day) at ~0.3 kWh/mile including charger losses gives ~6 kWh/day on average; weekday
    /// use (commuting, fleet duty) is set above and weekend use below that average (weekly mean 6.3 kWh/day).
    /// </summary>
    public const double WeekdayEnergyKwhPerVehicle = 7.0;

    /// <summary>Weekend charging energy, 4.5 kWh per vehicle per day (no workplace charging; see <see cref="WeekdayEnergyKwhPerVehicle"/> for the basis).</summary>
    public const double WeekendEnergyKwhPerVehicle = 4.5;

    /// <summary>Standard deviation of the per-day energy scaling, 0.15 (dimensionless; assumption for day-to-day variation of a 300-vehicle fleet).</summary>
    public const double DayScaleStdDev = 0.15;

    /// <summary>Lower clip of the per-day energy scaling, 0.6 (dimensionless; ≈ −2.7σ, keeps a day's energy physically plausible).</summary>
    public const double DayScaleMin = 0.6;

    /// <summary>Upper clip of the per-day energy scaling, 1.4 (dimensionless; ≈ +2.7σ).</summary>
    public const double DayScaleMax = 1.4;

    /// <summary>Standard deviation of the per-step multiplicative noise, 0.2 (dimensionless; assumption for the plug-in randomness of a 300-vehicle fleet at 15-min resolution).</summary>
    public const double StepNoiseStdDev = 0.2;

    /// <summary>Sub-step used to average the deterministic profile over a step, 5 min (numerical choice: ≤ 1/12 of the narrowest 1 h peak width).</summary>
    private const int SubStepMinutes = 5;

    /// <summary>
    /// Weekday profile: (energy share, centre in local hours, width σ in hours). Workplace/fleet arrivals 30 % at
    /// 09:00 ± 1.0 h; home arrivals 55 % at 19:00 ± 1.5 h; overnight 15 % at 01:00 ± 2.5 h (shape assumption,
    /// qualitative Element Energy 2019 pattern).
    /// </summary>
    private static readonly (double Share, double CentreH, double SigmaH)[] WeekdayPeaks = [(0.30, 9.0, 1.0), (0.55, 19.0, 1.5), (0.15, 1.0, 2.5)];

    /// <summary>
    /// Weekend profile: late-morning 25 % at 11:00 ± 2.0 h; evening 60 % at 18:30 ± 2.0 h; overnight 15 % at
    /// 01:00 ± 2.5 h (shape assumption, qualitative Element Energy 2019 pattern).
    /// </summary>
    private static readonly (double Share, double CentreH, double SigmaH)[] WeekendPeaks = [(0.25, 11.0, 2.0), (0.60, 18.5, 2.0), (0.15, 1.0, 2.5)];

    private static readonly ulong DayStream = DeterministicNormal.StreamId("ev-fleet/day-scale");
    private static readonly ulong StepStream = DeterministicNormal.StreamId("ev-fleet/step-noise");

    /// <summary>Number of vehicles.</summary>
    public int Vehicles { get; } = vehicles > 0 ? vehicles : throw new ArgumentOutOfRangeException(nameof(vehicles), vehicles, "The fleet needs at least one vehicle.");

    /// <summary>Seed of the stochastic component.</summary>
    public int Seed => seed;

    /// <summary>
    /// Mean charging demand in kW of each of <paramref name="steps"/> consecutive steps of
    /// <paramref name="stepMinutes"/> minutes starting at <paramref name="start"/>. The same seed and the same step
    /// start times give the same values whatever the call pattern.
    /// </summary>
    public double[] DemandKw(DateTimeOffset start, int steps, int stepMinutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepMinutes);

        var result = new double[steps];
        var step = TimeSpan.FromMinutes(stepMinutes);
        for (var k = 0; k < steps; k++)
        {
            var stepStart = start + k * step;
            var noise = Math.Max(0.0, 1.0 + StepNoiseStdDev * DeterministicNormal.StandardNormal(seed, StepStream, stepStart.UtcTicks));
            result[k] = ExpectedDemandKw(stepStart, stepMinutes) * noise;
        }

        return result;
    }

    /// <summary>
    /// Demand in kW averaged over [<paramref name="stepStart"/>, + <paramref name="stepMinutes"/>) without the per-step
    /// noise (deterministic profile × the seeded per-day scaling).
    /// </summary>
    public double ExpectedDemandKw(DateTimeOffset stepStart, int stepMinutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepMinutes);
        var subSteps = Math.Max(1, (stepMinutes + SubStepMinutes - 1) / SubStepMinutes);
        var subStep = TimeSpan.FromMinutes(stepMinutes / (double)subSteps);
        var sum = 0.0;
        for (var j = 0; j < subSteps; j++)
        {
            sum += InstantaneousDemandKw(stepStart + (j + 0.5) * subStep);
        }

        return sum / subSteps;
    }

    /// <summary>Energy in kWh one vehicle charges on the UK local day containing <paramref name="t"/>, including the seeded per-day scaling.</summary>
    public double DailyEnergyKwhPerVehicle(DateTimeOffset t)
    {
        var local = UkClock.ToLocal(t);
        return BaseDailyEnergy(local.DayOfWeek) * DayScale(local.Date);
    }

    private double InstantaneousDemandKw(DateTimeOffset t)
    {
        var local = UkClock.ToLocal(t);
        var peaks = IsWeekend(local.DayOfWeek) ? WeekendPeaks : WeekdayPeaks;
        var hour = local.TimeOfDay.TotalHours;
        var density = 0.0; // 1/h, integrates to 1 over the day
        foreach (var (share, centre, sigma) in peaks)
        {
            density += share * WrappedGaussian.Density(hour, centre, sigma);
        }

        return Vehicles * BaseDailyEnergy(local.DayOfWeek) * DayScale(local.Date) * density;
    }

    private double DayScale(DateTime localDate)
    {
        var z = DeterministicNormal.StandardNormal(seed, DayStream, localDate.Ticks);
        return Math.Clamp(1.0 + DayScaleStdDev * z, DayScaleMin, DayScaleMax);
    }

    private static double BaseDailyEnergy(DayOfWeek day) => IsWeekend(day) ? WeekendEnergyKwhPerVehicle : WeekdayEnergyKwhPerVehicle;

    private static bool IsWeekend(DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
