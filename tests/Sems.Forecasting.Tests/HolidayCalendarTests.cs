namespace Sems.Forecasting.Tests;

public sealed class HolidayCalendarTests
{
    /// <summary>
    /// Independently derives the England and Wales bank holidays from the standing rules (Banking and Financial Dealings
    /// Act 1971: New Year's Day, Good Friday, Easter Monday, first and last Mondays of May, last Monday of August,
    /// Christmas and Boxing Day, weekend days substituted by the next free weekday) and then applies the one-off changes.
    /// </summary>
    private static HashSet<DateOnly> ByRule(int year)
    {
        var easter = EasterSunday(year);
        var days = new HashSet<DateOnly>
        {
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };

        var newYear = new DateOnly(year, 1, 1);
        days.Add(newYear.DayOfWeek switch { DayOfWeek.Saturday => newYear.AddDays(2), DayOfWeek.Sunday => newYear.AddDays(1), _ => newYear });
        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        foreach (var day in new[] { christmas, boxing })
        {
            var d = day;
            while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || days.Contains(d))
            {
                d = d.AddDays(1);
            }

            days.Add(d);
        }

        switch (year)
        {
            case 2020:
                days.Remove(new DateOnly(2020, 5, 4));
                days.Add(new DateOnly(2020, 5, 8));
                break;
            case 2022:
                days.Remove(new DateOnly(2022, 5, 30));
                days.UnionWith([new DateOnly(2022, 6, 2), new DateOnly(2022, 6, 3), new DateOnly(2022, 9, 19)]);
                break;
            case 2023:
                days.Add(new DateOnly(2023, 5, 8));
                break;
        }

        return days;
    }

    /// <summary>Anonymous Gregorian computus (Meeus/Jones/Butcher).</summary>
    private static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Monday)
        {
            d = d.AddDays(1);
        }

        return d;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Monday)
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    [Fact]
    public void Hard_coded_list_matches_the_rules_and_one_off_changes_for_2014_to_2023()
    {
        var calendar = HolidayCalendar.EnglandAndWales;
        for (var year = 2014; year <= 2023; year++)
        {
            var listed = calendar.Dates.Where(d => d.Year == year).Order().ToList();
            Assert.Equal(ByRule(year).Order().ToList(), listed);
        }

        Assert.Equal(83, calendar.Dates.Count);
        Assert.All(calendar.Dates, d => Assert.True(d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday));
    }

    [Fact]
    public void Day_types_follow_the_calendar()
    {
        var calendar = HolidayCalendar.EnglandAndWales;
        Assert.Equal(DayType.Holiday, calendar.DayTypeOf(new DateOnly(2022, 12, 27)));
        Assert.Equal(DayType.Weekend, calendar.DayTypeOf(new DateOnly(2022, 12, 25)));
        Assert.Equal(DayType.Weekday, calendar.DayTypeOf(new DateOnly(2022, 12, 28)));
        Assert.Equal(DayType.Holiday, calendar.DayTypeOf(new DateOnly(2022, 9, 19)));
        Assert.True(calendar.Covers(new DateOnly(2014, 1, 1)));
        Assert.False(calendar.Covers(new DateOnly(2024, 1, 1)));
        Assert.Equal(DayType.Weekday, HolidayCalendar.None.DayTypeOf(new DateOnly(2022, 12, 27)));
    }
}
