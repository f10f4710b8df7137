namespace Sems.Forecasting;

/// <summary>The kind of calendar day, the day-type feature of the forecasters (Section 2.2.1 of the paper: weekday, weekend, holiday).</summary>
public enum DayType
{
    /// <summary>Monday to Friday that is not a public holiday.</summary>
    Weekday,

    /// <summary>Saturday or Sunday.</summary>
    Weekend,

    /// <summary>A public (bank) holiday of the series' <see cref="HolidayCalendar"/>.</summary>
    Holiday,
}
