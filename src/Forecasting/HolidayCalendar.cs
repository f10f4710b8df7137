namespace Sems.Forecasting;

/// <summary>
/// Public holidays by date, used to tell <see cref="DayType.Holiday"/> from weekdays and weekends. Outside
/// <see cref="FirstYear"/>–<see cref="LastYear"/> the calendar knows no holidays, so every day is a weekday or a weekend.
/// </summary>
/// <param name="Name">Human-readable name, e.g. "England and Wales bank holidays".</param>
/// <param name="Dates">The holiday dates (local calendar dates of the series).</param>
/// <param name="FirstYear">First year the list covers completely.</param>
/// <param name="LastYear">Last year the list covers completely.</param>
public sealed record HolidayCalendar(string Name, IReadOnlySet<DateOnly> Dates, int FirstYear, int LastYear)
{
    /// <summary>A calendar without holidays: only weekdays and weekends.</summary>
    public static HolidayCalendar None { get; } = new("no holidays", new HashSet<DateOnly>(), 1, 0);

    /// <summary>
    /// Bank holidays of England and Wales, 2014–2023, including substitute days and the one-off holidays (early May
    /// bank holiday moved to VE Day on 8 May 2020; spring bank holiday moved to 2 June 2022 and the Platinum Jubilee on
    /// 3 June 2022; the State Funeral of Queen Elizabeth II on 19 September 2022; the Coronation on 8 May 2023).
    /// </summary>
    /// <remarks>
    /// Source: GOV.UK, "UK bank holidays", England and Wales (https://www.gov.uk/bank-holidays and its JSON feed
    /// https://www.gov.uk/bank-holidays.json for 2018 onwards; the archived GOV.UK pages for 2014–2017), which follow
    /// the Banking and Financial Dealings Act 1971 and the Royal Proclamations for the one-off days.
    /// </remarks>
    public static HolidayCalendar EnglandAndWales { get; } = new(
        "England and Wales bank holidays",
        new HashSet<DateOnly>(
        [
            // 2014
            new(2014, 1, 1), new(2014, 4, 18), new(2014, 4, 21), new(2014, 5, 5), new(2014, 5, 26), new(2014, 8, 25), new(2014, 12, 25), new(2014, 12, 26),
            // 2015 (Boxing Day on a Saturday: substitute Monday 28 December)
            new(2015, 1, 1), new(2015, 4, 3), new(2015, 4, 6), new(2015, 5, 4), new(2015, 5, 25), new(2015, 8, 31), new(2015, 12, 25), new(2015, 12, 28),
            // 2016 (Christmas Day on a Sunday: substitute Tuesday 27 December)
            new(2016, 1, 1), new(2016, 3, 25), new(2016, 3, 28), new(2016, 5, 2), new(2016, 5, 30), new(2016, 8, 29), new(2016, 12, 26), new(2016, 12, 27),
            // 2017 (New Year's Day on a Sunday: substitute Monday 2 January)
            new(2017, 1, 2), new(2017, 4, 14), new(2017, 4, 17), new(2017, 5, 1), new(2017, 5, 29), new(2017, 8, 28), new(2017, 12, 25), new(2017, 12, 26),
            // 2018
            new(2018, 1, 1), new(2018, 3, 30), new(2018, 4, 2), new(2018, 5, 7), new(2018, 5, 28), new(2018, 8, 27), new(2018, 12, 25), new(2018, 12, 26),
            // 2019
            new(2019, 1, 1), new(2019, 4, 19), new(2019, 4, 22), new(2019, 5, 6), new(2019, 5, 27), new(2019, 8, 26), new(2019, 12, 25), new(2019, 12, 26),
            // 2020 (early May bank holiday moved to Friday 8 May, VE Day; Boxing Day on a Saturday: substitute Monday 28 December)
            new(2020, 1, 1), new(2020, 4, 10), new(2020, 4, 13), new(2020, 5, 8), new(2020, 5, 25), new(2020, 8, 31), new(2020, 12, 25), new(2020, 12, 28),
            // 2021 (Christmas Day and Boxing Day on a weekend: substitutes Monday 27 and Tuesday 28 December)
            new(2021, 1, 1), new(2021, 4, 2), new(2021, 4, 5), new(2021, 5, 3), new(2021, 5, 31), new(2021, 8, 30), new(2021, 12, 27), new(2021, 12, 28),
            // 2022 (New Year's Day on a Saturday: substitute Monday 3 January; spring bank holiday moved to 2 June and the
            // Platinum Jubilee on 3 June; State Funeral on 19 September; Christmas Day on a Sunday: substitute Tuesday 27 December)
            new(2022, 1, 3), new(2022, 4, 15), new(2022, 4, 18), new(2022, 5, 2), new(2022, 6, 2), new(2022, 6, 3), new(2022, 8, 29), new(2022, 9, 19),
            new(2022, 12, 26), new(2022, 12, 27),
            // 2023 (New Year's Day on a Sunday: substitute Monday 2 January; Coronation on Monday 8 May)
            new(2023, 1, 2), new(2023, 4, 7), new(2023, 4, 10), new(2023, 5, 1), new(2023, 5, 8), new(2023, 5, 29), new(2023, 8, 28), new(2023, 12, 25),
            new(2023, 12, 26),
        ]),
        2014,
        2023);

    /// <summary>Whether the list is complete for the year of <paramref name="date"/>.</summary>
    public bool Covers(DateOnly date) => date.Year >= FirstYear && date.Year <= LastYear;

    /// <summary>The day type of a calendar date: a listed holiday, else Saturday/Sunday as weekend, else weekday.</summary>
    public DayType DayTypeOf(DateOnly date) =>
        Dates.Contains(date) ? DayType.Holiday
        : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayType.Weekend
        : DayType.Weekday;
}
