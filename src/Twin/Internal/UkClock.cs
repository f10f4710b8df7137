namespace Sems.Twin;

/// <summary>
/// UK civil (wall-clock) time from UTC: GMT in winter, BST (UTC+1) from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October (Summer Time Order 2002, which implements EU Directive 2000/84/EC).
/// Occupant behaviour (hot-water draws, EV plug-in times) follows the wall clock, while all twin data are in UTC.
/// Implemented by rule so that the twin does not depend on the host's time-zone database.
/// </summary>
internal static class UkClock
{
    /// <summary>BST offset from UTC, 1 h (Summer Time Act 1972 as amended).</summary>
    private static readonly TimeSpan SummerTimeOffset = TimeSpan.FromHours(1);

    /// <summary>Hour of day (UTC) at which UK summer time starts and ends, 01:00 UTC (Summer Time Order 2002).</summary>
    private const int ChangeHourUtc = 1;

    /// <summary>The UK wall-clock time (kind unspecified) at the instant <paramref name="t"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        var local = IsSummerTime(utc) ? utc + SummerTimeOffset : utc;
        return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
    }

    /// <summary>Fractional UK wall-clock hour of day in [0, 24) at the instant <paramref name="t"/>.</summary>
    public static double LocalHourOfDay(DateTimeOffset t) => ToLocal(t).TimeOfDay.TotalHours;

    /// <summary>Whether British Summer Time is in force at the UTC instant <paramref name="utc"/>.</summary>
    public static bool IsSummerTime(DateTime utc)
    {
        var start = LastSundayAtChangeHour(utc.Year, 3);
        var end = LastSundayAtChangeHour(utc.Year, 10);
        return utc >= start && utc < end;
    }

    private static DateTime LastSundayAtChangeHour(int year, int month)
    {
        var lastDay = new DateTime(year, month, DateTime.DaysInMonth(year, month), ChangeHourUtc, 0, 0, DateTimeKind.Utc);
        return lastDay.AddDays(-(int)lastDay.DayOfWeek);
    }
}
