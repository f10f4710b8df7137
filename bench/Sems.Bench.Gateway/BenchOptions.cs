using System.Globalization;

namespace Sems.Bench.Gateway;

/// <summary>
/// The command line after the mode: <c>--name value</c> pairs and bare flags. Values are read (and checked) by the mode
/// that uses them; every option given must be read by someone, so a misspelt option is an error, not a silent default.
/// </summary>
public sealed class BenchOptions
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--no-h2load", "--no-stall", "--perf-map" };
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchOptions()
    {
    }

    /// <summary>The options, or null with <paramref name="problem"/> naming the argument at fault.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        problem = null;
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"\"{name}\" is not an option (options are --name value)";
                return null;
            }

            if (Flags.Contains(name))
            {
                options._flags.Add(name);
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"{name} needs a value";
                return null;
            }

            if (!options._values.TryAdd(name, args[++i]))
            {
                problem = $"{name} is given twice";
                return null;
            }
        }

        return options;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _flags.Contains(name);
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public int Whole(string name, int fallback, int min, int max)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text)) return fallback;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new BenchException($"{name}: \"{text}\" is not a whole number from {min} to {max}");
    }

    public double Number(string name, double fallback, double min, double max)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max) return value;
        throw new BenchException($"{name}: \"{text}\" is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Throws when an option was given that no part of the mode read.</summary>
    public void CheckAllRead(string mode)
    {
        var unread = _values.Keys.Concat(_flags).Where(n => !_read.Contains(n)).ToArray();
        if (unread.Length > 0) throw new BenchException($"{mode}: unknown option(s) {string.Join(", ", unread)}");
    }
}
