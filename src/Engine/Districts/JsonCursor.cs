using System.Globalization;
using System.Text.Json;

namespace Sems.Engine.Districts;

/// <summary>
/// Reads typed values out of a <see cref="JsonElement"/> tree while collecting every problem with its JSON path.
/// Each read returns null (and records why) instead of throwing, so one pass reports everything wrong with a file.
/// </summary>
internal sealed class JsonCursor
{
    /// <summary>Prefix that <see cref="NonFiniteLiterals"/> gives bare NaN/Infinity tokens so they reach us as strings.</summary>
    internal const char NonFiniteMarker = '\u0001';

    private readonly List<ValidationProblem> _errors = [];
    private readonly List<ValidationProblem> _warnings = [];

    public IReadOnlyList<ValidationProblem> Errors => _errors;

    public IReadOnlyList<ValidationProblem> Warnings => _warnings;

    public int ErrorCount => _errors.Count;

    public void Error(string path, string value, string rule) => _errors.Add(new ValidationProblem(path, value, rule));

    public void Warn(string path, string value, string rule) => _warnings.Add(new ValidationProblem(path, value, rule));

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.String when e.GetString() is { } s && s.Length > 0 && s[0] == NonFiniteMarker => s[1..],
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

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

    public bool? Bool(JsonElement e, string path)
    {
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        Error(path, Describe(e), "is not true or false");
        return null;
    }

    /// <summary>A finite number; NaN and ±Infinity are reported, never passed on.</summary>
    public double? Number(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var value) && double.IsFinite(value)) return value;
        if (e.ValueKind == JsonValueKind.Number || (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s && s[0] == NonFiniteMarker))
            Error(path, Describe(e), "is not a finite number");
        else
            Error(path, Describe(e), "is not a number");
        return null;
    }

    public double? Number(JsonElement e, string path, Func<double, bool> rule, string ruleText)
    {
        var value = Number(e, path);
        if (value is null) return null;
        if (rule(value.Value)) return value;
        Error(path, Format(value.Value), ruleText);
        return null;
    }

    public int? Integer(JsonElement e, string path, int minimum)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var value))
        {
            Error(path, Describe(e), "is not an integer");
            return null;
        }

        if (value >= minimum) return value;
        Error(path, value.ToString(CultureInfo.InvariantCulture), $"is less than {minimum}");
        return null;
    }

    /// <summary>A series: one finite number (repeated over the horizon) or an array of exactly <paramref name="steps"/> finite numbers.</summary>
    public double[]? Series(JsonElement e, string path, int steps, Func<double, bool>? rule = null, string? ruleText = null)
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
                var value = rule is null ? Number(item, itemPath) : Number(item, itemPath, rule, ruleText!);
                if (value is null) ok = false;
                else values[i] = value.Value;
                i++;
            }

            return ok ? values : null;
        }

        if (e.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            var value = rule is null ? Number(e, path) : Number(e, path, rule, ruleText!);
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
