using System.Globalization;
using Sems.Forecasting;

namespace Sems.Silo.Cli;

/// <summary>Parses numeric command-line values against a documented range; problems read "--option: value is …".</summary>
internal static class OptionValue
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null with the problem.</summary>
    public static int? WholeNumber(string option, string value, int min, int max, string range, out string? problem)
    {
        problem = null;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return (int)number;
        problem = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? $"{option}: {value} is out of range; it must be {range}"
            : $"{option}: \"{MessageText.Shorten(value)}\" is not a whole number; it must be {range}";
        return null;
    }

    /// <summary>
    /// A finite number within [<paramref name="min"/>, <paramref name="max"/>] (an end is excluded when its
    /// <c>…Inclusive</c> flag is false), or null with the problem.
    /// </summary>
    public static double? Number(string option, string value, double min, bool minInclusive, double max, bool maxInclusive, string range, out string? problem)
    {
        problem = null;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            problem = $"{option}: \"{MessageText.Shorten(value)}\" is not a finite number; it must be {range}";
            return null;
        }

        var aboveMin = minInclusive ? number >= min : number > min;
        var belowMax = maxInclusive ? number <= max : number < max;
        if (aboveMin && belowMax) return number;
        problem = $"{option}: {MessageText.Shorten(value)} is out of range; it must be {range}";
        return null;
    }

    /// <summary>An ISO 8601 timestamp (UTC when it names no offset), or null with the problem.</summary>
    public static DateTimeOffset? Timestamp(string option, string value, out string? problem)
    {
        problem = null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        problem = $"{option}: \"{MessageText.Shorten(value)}\" is not an ISO 8601 timestamp (e.g. 2022-11-01T00:00:00Z)";
        return null;
    }

    /// <summary>"LO,UP": two finite numbers with LO ≤ UP, or null with the problem.</summary>
    public static (double Lower, double Upper)? Band(string option, string value, out string? problem)
    {
        problem = null;
        var parts = value.Split(',');
        double lower = 0, upper = 0;
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out lower)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out upper))
        {
            problem = $"{option}: \"{MessageText.Shorten(value)}\" is not two numbers LO,UP (e.g. 60,75)";
            return null;
        }

        if (!double.IsFinite(lower) || !double.IsFinite(upper))
        {
            problem = $"{option}: \"{MessageText.Shorten(value)}\" is not two finite numbers LO,UP";
            return null;
        }

        if (lower > upper)
        {
            problem = $"{option}: {MessageText.Shorten(value)} is reversed; LO must not be above UP (e.g. 60,75)";
            return null;
        }

        return (lower, upper);
    }
}
