namespace Sems.Forecasting;

/// <summary>
/// A regularly spaced series: sample <c>i</c> of <see cref="Values"/> belongs to the step that starts at
/// <see cref="Start"/> + i·<see cref="Step"/> (for a power series, typically the mean power in kW over that step; the
/// unit is the caller's and every forecast and error comes back in it). Optional <see cref="Features"/> are other
/// series on the same time grid, e.g. "temperature" in °C. <see cref="double.NaN"/> in <see cref="Values"/> marks a
/// missing sample (for example a day that <see cref="CsvSeriesReader"/> skipped); the forecasters do not learn from
/// such samples and <see cref="ForecastMetrics.Evaluate"/> does not score them. Feature values must be finite.
/// </summary>
/// <remarks>
/// Calendar days (daily profiles, day of week, <see cref="DayType"/>) are taken in the UTC offset of
/// <see cref="Start"/>, so UTC data has UTC days. The step must divide a day and <see cref="Start"/> must lie on the
/// step grid of its day, so that every day starts at a sample and has <see cref="StepsPerDay"/> samples.
/// Equality is record equality, so arrays compare by reference.
/// </remarks>
/// <param name="Start">Time of the first sample.</param>
/// <param name="Step">Spacing of the samples, at most one day and a divisor of one day (e.g. 15 min or 1 h).</param>
/// <param name="Values">The target series, in its own unit.</param>
/// <param name="Features">Named feature series of the same length as <see cref="Values"/>, e.g. "temperature" (°C).</param>
/// <param name="Holidays">Holiday calendar for <see cref="DayTypeOf"/>.</param>
public sealed record TimeSeriesData(
    DateTimeOffset Start,
    TimeSpan Step,
    double[] Values,
    IReadOnlyDictionary<string, double[]> Features,
    HolidayCalendar Holidays)
{
    /// <summary>A series without features, with the England and Wales bank-holiday calendar.</summary>
    public TimeSeriesData(DateTimeOffset start, TimeSpan step, double[] values)
        : this(start, step, values, new Dictionary<string, double[]>(), HolidayCalendar.EnglandAndWales)
    {
    }

    /// <summary>Spacing of the samples (validated: positive, divides one day, and <see cref="Start"/> is on its grid).</summary>
    public TimeSpan Step { get; } = CheckStep(Start, Step);

    /// <summary>The target series; NaN marks a missing sample.</summary>
    public double[] Values { get; } = Values ?? throw new ArgumentNullException(nameof(Values));

    /// <summary>Feature series by name, each as long as <see cref="Values"/> and finite.</summary>
    public IReadOnlyDictionary<string, double[]> Features { get; } = CheckFeatures(Features, Values);

    /// <summary>Holiday calendar used by <see cref="DayTypeOf"/>.</summary>
    public HolidayCalendar Holidays { get; } = Holidays ?? throw new ArgumentNullException(nameof(Holidays));

    /// <summary>Number of samples.</summary>
    public int Count => Values.Length;

    /// <summary>Samples per calendar day, e.g. 96 for 15-minute and 24 for hourly data.</summary>
    public int StepsPerDay => (int)(TimeSpan.TicksPerDay / Step.Ticks);

    /// <summary>The end of the series: the time just after the last step.</summary>
    public DateTimeOffset End => TimeAt(Count);

    /// <summary>Start time of sample <paramref name="index"/> (any integer, also outside the series).</summary>
    public DateTimeOffset TimeAt(int index) => Start + Step * index;

    /// <summary>
    /// Index of the sample that starts at <paramref name="time"/>; negative before <see cref="Start"/> and
    /// <see cref="Count"/> or more after the end. Throws if <paramref name="time"/> is not on the step grid.
    /// </summary>
    public int IndexOf(DateTimeOffset time)
    {
        var ticks = (time - Start).Ticks;
        if (ticks % Step.Ticks != 0)
        {
            throw new ArgumentException($"{time:O} is not on the {Step} grid of the series that starts at {Start:O}.", nameof(time));
        }

        return checked((int)(ticks / Step.Ticks));
    }

    /// <summary>Calendar date (in the offset of <see cref="Start"/>) of an instant.</summary>
    public DateOnly DateOf(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(Start.Offset).DateTime);

    /// <summary>Calendar date (in the offset of <see cref="Start"/>) of sample <paramref name="index"/>.</summary>
    public DateOnly DateAt(int index) => DateOf(TimeAt(index));

    /// <summary>The instant at which <paramref name="date"/> begins (midnight in the offset of <see cref="Start"/>).</summary>
    public DateTimeOffset StartOfDay(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Start.Offset);

    /// <summary>Weekday, weekend or holiday, from <see cref="Holidays"/>.</summary>
    public DayType DayTypeOf(DateOnly date) => Holidays.DayTypeOf(date);

    /// <summary>A feature series by name, or null when the series has none of that name.</summary>
    public double[]? Feature(string name) => Features.TryGetValue(name, out var series) ? series : null;

    /// <summary>A copy of samples <paramref name="startIndex"/> … <paramref name="startIndex"/> + <paramref name="count"/> − 1, features included.</summary>
    public TimeSeriesData Slice(int startIndex, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startIndex + count, Count, nameof(count));
        var features = Features.ToDictionary(f => f.Key, f => f.Value.AsSpan(startIndex, count).ToArray());
        return new TimeSeriesData(TimeAt(startIndex), Step, Values.AsSpan(startIndex, count).ToArray(), features, Holidays);
    }

    private static TimeSpan CheckStep(DateTimeOffset start, TimeSpan step)
    {
        if (step <= TimeSpan.Zero || TimeSpan.TicksPerDay % step.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Step), step, "The step must be positive and divide one day evenly (e.g. 15 min or 1 h).");
        }

        if (start.TimeOfDay.Ticks % step.Ticks != 0)
        {
            throw new ArgumentException($"The start {start:O} is not on the {step} grid of its day, so days would not begin at a sample.", nameof(Start));
        }

        return step;
    }

    private static IReadOnlyDictionary<string, double[]> CheckFeatures(IReadOnlyDictionary<string, double[]> features, double[] values)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, series) in features)
        {
            if (series is null || series.Length != values.Length)
            {
                throw new ArgumentException($"Feature '{name}' has {series?.Length ?? 0} samples, the values have {values.Length}.", nameof(Features));
            }

            var bad = Array.FindIndex(series, v => !double.IsFinite(v));
            if (bad >= 0)
            {
                throw new ArgumentException($"Feature '{name}' is not finite at sample {bad} ({series[bad]}).", nameof(Features));
            }
        }

        return features;
    }
}
