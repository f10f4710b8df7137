namespace Sems.Forecasting;

/// <summary>Calendar-day arithmetic on a series grid, shared by the day-based forecasters and the evaluation.</summary>
internal static class DailyCalendar
{
    /// <summary>Index of the first sample that starts a calendar day (0 when the series starts at midnight).</summary>
    public static int FirstDayStart(TimeSeriesData data)
    {
        var intoDay = (int)(data.Start.TimeOfDay.Ticks / data.Step.Ticks);
        return intoDay == 0 ? 0 : data.StepsPerDay - intoDay;
    }

    /// <summary>Number of whole calendar days among the first <paramref name="count"/> samples.</summary>
    public static int WholeDays(TimeSeriesData data, int count) =>
        Math.Max(0, (count - FirstDayStart(data)) / data.StepsPerDay);

    /// <summary>Position of sample <paramref name="index"/> within its day (0 … steps per day − 1).</summary>
    public static int TimeOfDayIndex(TimeSeriesData data, int index)
    {
        var spd = data.StepsPerDay;
        return ((index - FirstDayStart(data)) % spd + spd) % spd;
    }

    /// <summary>Day of week as a number, Monday = 0 … Sunday = 6.</summary>
    public static int DayOfWeekNumber(DateOnly date) => ((int)date.DayOfWeek + 6) % 7;

    /// <summary>Mean of <paramref name="count"/> samples from <paramref name="start"/>; NaN if any is NaN.</summary>
    public static double Mean(double[] values, int start, int count)
    {
        var sum = 0.0;
        for (var i = start; i < start + count; i++)
        {
            sum += values[i];
        }

        return sum / count;
    }
}
