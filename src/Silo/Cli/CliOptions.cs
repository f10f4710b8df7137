using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sems.Silo.Cli;

/// <summary>
/// Options whose values System.CommandLine parses with <see cref="OptionValue"/>, so a bad value is a parse error
/// reading "--option: value is …" (exit code 2) before any command runs.
/// </summary>
internal static class CliOptions
{
    /// <summary>A finite number within a documented range.</summary>
    public static Option<double> Number(string name, string description, double defaultValue, double min, bool minInclusive, double max, bool maxInclusive, string range) =>
        Parsed(name, description, defaultValue, "N", (text, out problem) => OptionValue.Number(name, text, min, minInclusive, max, maxInclusive, range, out problem));

    /// <summary>A whole number within a documented range.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int min, int max, string range) =>
        Parsed(name, description, defaultValue, "N", (text, out problem) => OptionValue.WholeNumber(name, text, min, max, range, out problem));

    /// <summary>An optional ISO 8601 timestamp.</summary>
    public static Option<DateTimeOffset?> Timestamp(string name, string description)
    {
        var option = new Option<DateTimeOffset?>(name) { Description = description, HelpName = "ISO-8601" };
        option.CustomParser = result =>
        {
            if (OptionValue.Timestamp(name, Single(result), out var problem) is { } time) return time;
            result.AddError(problem!);
            return null;
        };
        return option;
    }

    /// <summary>A text value that must not be empty or blank.</summary>
    public static Option<string> Text(string name, string description, string helpName, bool required = false)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName, Required = required };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value)) result.AddError($"{name} needs a non-empty value");
        });
        return option;
    }

    /// <summary>The option's value as one token (the last one when the option is repeated).</summary>
    public static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private delegate T? Parse<T>(string text, out string? problem) where T : struct;

    private static Option<T> Parsed<T>(string name, string description, T defaultValue, string helpName, Parse<T> parse) where T : struct
    {
        var option = new Option<T>(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return defaultValue;
            if (parse(Single(result), out var problem) is { } value) return value;
            result.AddError(problem!);
            return defaultValue;
        };
        return option;
    }
}
