using System.Globalization;
using System.Text.Json;
using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Engine.Json;

/// <summary>
/// Reads typed values out of a <see cref="JsonElement"/> tree while collecting every problem with its JSON path.
/// Each read returns null (and records why) instead of throwing, so one pass reports everything wrong with a file.
/// </summary>
public sealed class JsonCursor
{
    /// <summary>Prefix that <see cref="NonFiniteLiterals"/> gives bare NaN/Infinity tokens so they reach us as strings.</summary>
    internal const char NonFiniteMarker = '\u0001';

    private readonly List<ValidationProblem> _errors = [];
    private readonly List<ValidationProblem> _warnings = [];

    public IReadOnlyList<ValidationProblem> Errors => _errors;

    public IReadOnlyList<ValidationProblem> Warnings => _warnings;

    public int ErrorCount => _errors.Count;

    public void Error(string path, string value, string rule) => _errors.Add(Bounded(path, value, rule));

    public void Warn(string path, string value, string rule) => _warnings.Add(Bounded(path, value, rule));

    /// <summary>A problem whose path and value are clipped, so that no input can make a message long.</summary>
    private static ValidationProblem Bounded(string path, string value, string rule) =>
        new(path.Length > 2 * StrictJson.MaxQuoted ? string.Concat(path.AsSpan(0, 2 * StrictJson.MaxQuoted), "…") : path, StrictJson.Clip(value), rule);

    /// <summary>The largest magnitude of any number SEMS accepts; fields with a physical meaning have tighter bounds.</summary>
    public const double MaxMagnitude = 1e9;

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => StrictJson.Clip(e.GetRawText()),
        JsonValueKind.String when e.GetString() is { } s && s.Length > 0 && s[0] == NonFiniteMarker => s[1..],
        JsonValueKind.String => Quote(e.GetString()!),
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>A string as messages quote it: in double quotes, at most <see cref="StrictJson.MaxQuoted"/> characters, control characters escaped.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clipped = StrictJson.Clip(text);
        var visible = new System.Text.StringBuilder(clipped.Length + 2).Append('"');
        foreach (var ch in clipped)
        {
            if (char.IsControl(ch)) visible.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}");
            else visible.Append(ch);
        }

        return visible.Append('"').ToString();
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The property, or null (and an error) when it is missing.</summary>
    public JsonElement? Required(JsonElement obj, string name, string path)
    {
        if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        Error(Join(path, name), "", "is missing");
        return null;
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string Join(string path, string name) => string.IsNullOrEmpty(path) ? name : $"{path}.{name}";

    /// <summary>Warns about fields the contract does not define (a typo would otherwise be silently ignored).</summary>
    public void WarnUnknownFields(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                Warn(Join(path, property.Name), "", $"is not a field of this object and is ignored (known: {string.Join(", ", known)})");
        }
    }

    public bool ExpectObject(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object) return true;
        Error(path, Describe(e), "is not an object");
        return false;
    }

    public bool ExpectArray(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Array) return true;
        Error(path, Describe(e), "is not an array");
        return false;
    }

    public string? String(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s && s[0] != NonFiniteMarker) return s;
        Error(path, Describe(e), e.ValueKind == JsonValueKind.String ? "is not a non-empty string" : "is not a string");
        return null;
    }

    /// <summary>A string that follows <see cref="Identifier.Rule"/> (ids of subsystems, assets and nodes).</summary>
    public string? Id(JsonElement e, string path)
    {
        if (String(e, path) is not { } text) return null;
        if (Identifier.IsValid(text)) return text;
        Error(path, Quote(text), Identifier.Rule);
        return null;
    }

    /// <summary>Checks a name used as an object key (a resource, factor or disturbance); false (and an error) when it breaks <see cref="Identifier.Rule"/>.</summary>
    public bool Name(string name, string path)
    {
        if (Identifier.IsValid(name)) return true;
        Error(path, Quote(name), Identifier.Rule.Replace("an id", "a name", StringComparison.Ordinal));
        return false;
    }

    public bool? Bool(JsonElement e, string path)
    {
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        Error(path, Describe(e), "is not true or false");
        return null;
    }

    /// <summary>A finite number of magnitude at most <see cref="MaxMagnitude"/>; NaN, ±Infinity and absurd magnitudes are reported, never passed on.</summary>
    public double? Number(JsonElement e, string path)
    {
        if (Finite(e, path) is not { } value) return null;
        if (Math.Abs(value) <= MaxMagnitude) return value;
        Error(path, Describe(e), "is beyond ±1e9, the largest magnitude SEMS accepts");
        return null;
    }

    private double? Finite(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var value) && double.IsFinite(value)) return value;

        if (e.ValueKind == JsonValueKind.Number || (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s && s[0] == NonFiniteMarker))
            Error(path, Describe(e), "is not a finite number");
        else
            Error(path, Describe(e), "is not a number");
        return null;
    }

    public double? Number(JsonElement e, string path, Func<double, bool> rule, string ruleText) => Number(e, path, rule, ruleText, MaxMagnitude, "");

    /// <summary>A finite number that satisfies the rule and whose magnitude is at most <paramref name="bound"/> (in <paramref name="unit"/>).</summary>
    public double? Number(JsonElement e, string path, Func<double, bool>? rule, string? ruleText, double bound, string unit)
    {
        var value = Finite(e, path);
        if (value is null) return null;
        if (rule is not null && !rule(value.Value))
        {
            Error(path, Format(value.Value), ruleText!);
            return null;
        }

        if (Math.Abs(value.Value) <= bound) return value;
        var exponent = Math.Log10(bound);
        var boundText = bound >= 1e4 && exponent == Math.Round(exponent) ? $"1e{exponent:0}" : Format(bound);
        Error(path, Format(value.Value), $"is beyond ±{boundText}{(unit.Length > 0 ? " " + unit : "")}, the largest magnitude SEMS accepts here");
        return null;
    }

    /// <summary>An integer in [minimum, maximum]; a fraction, a string or anything out of range is reported.</summary>
    public int? Integer(JsonElement e, string path, int minimum, int maximum)
    {
        long value;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var whole)) value = whole;
        else if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && Math.Abs(d) <= long.MaxValue / 2 && d == Math.Floor(d)) value = (long)d; // 2e9 is an integer too
        else
        {
            Error(path, Describe(e), e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var big) && double.IsFinite(big) && big == Math.Floor(big)
                ? string.Create(CultureInfo.InvariantCulture, $"is not an integer in [{minimum}, {maximum}]")
                : "is not an integer");
            return null;
        }

        if (value >= minimum && value <= maximum) return (int)value;
        Error(path, value.ToString(CultureInfo.InvariantCulture), value < minimum
            ? string.Create(CultureInfo.InvariantCulture, $"is less than {minimum}")
            : string.Create(CultureInfo.InvariantCulture, $"is greater than {maximum}, the largest SEMS accepts here"));
        return null;
    }

    /// <summary>A series: one finite number (repeated over the horizon) or an array of exactly <paramref name="steps"/> finite numbers.</summary>
    public double[]? Series(JsonElement e, string path, int steps, Func<double, bool>? rule = null, string? ruleText = null) =>
        Series(e, path, steps, rule, ruleText, MaxMagnitude, "");

    /// <summary>A series whose values satisfy the rule and are at most <paramref name="bound"/> (in <paramref name="unit"/>) in magnitude.</summary>
    public double[]? Series(JsonElement e, string path, int steps, Func<double, bool>? rule, string? ruleText, double bound, string unit)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            var length = e.GetArrayLength();
            if (length != steps)
            {
                Error(path, $"an array of {length} numbers", $"is not a series: expected one number or exactly {steps} numbers (horizonSteps)");
                return null;
            }

            var values = new double[steps];
            var ok = true;
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                var itemPath = $"{path}[{i}]";
                var value = Number(item, itemPath, rule, ruleText, bound, unit);
                if (value is null) ok = false;
                else values[i] = value.Value;
                i++;
            }

            return ok ? values : null;
        }

        if (e.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            var value = Number(e, path, rule, ruleText, bound, unit);
            return value is null ? null : Enumerable.Repeat(value.Value, steps).ToArray();
        }

        Error(path, Describe(e), $"is not a series: expected one number or exactly {steps} numbers (horizonSteps)");
        return null;
    }

    /// <summary>A matrix given as an array of rows of finite numbers; shape is checked by the caller.</summary>
    public double[][]? Matrix(JsonElement e, string path)
    {
        if (!ExpectArray(e, path)) return null;
        var rows = new List<double[]>();
        var ok = true;
        var r = 0;
        foreach (var row in e.EnumerateArray())
        {
            var rowPath = $"{path}[{r}]";
            if (!ExpectArray(row, rowPath))
            {
                ok = false;
                r++;
                continue;
            }

            var values = new List<double>();
            var c = 0;
            foreach (var item in row.EnumerateArray())
            {
                var value = Number(item, $"{rowPath}[{c}]");
                if (value is null) ok = false;
                else values.Add(value.Value);
                c++;
            }

            rows.Add(values.ToArray());
            r++;
        }

        return ok ? rows.ToArray() : null;
    }
}
