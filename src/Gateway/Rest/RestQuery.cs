using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Sems.Gateway.Api;

namespace Sems.Gateway.Rest;

/// <summary>
/// The query parameters of the REST mirror, each read once and refused with the field it stands for (the proto field
/// name where it maps to one) and the value: a parameter given twice, a boolean that is not true/false, a time that is
/// not ISO 8601.
/// </summary>
internal static partial class RestQuery
{
    /// <summary>The parameter's value, "" when absent.</summary>
    public static string Text(HttpContext http, string name, string field)
    {
        ArgumentNullException.ThrowIfNull(http);
        var values = http.Request.Query[name];
        if (values.Count > 1) throw ApiException.Invalid(field, $"query parameter {name} is given {values.Count} times: give it once");
        return values.Count == 1 ? values[0] ?? "" : "";
    }

    /// <summary>true for "true" or "1", false for "false", "0" or absent.</summary>
    public static bool Bool(HttpContext http, string name, string field)
    {
        var text = Text(http, name, field);
        return text.ToLowerInvariant() switch
        {
            "" or "false" or "0" => false,
            "true" or "1" => true,
            _ => throw ApiException.Invalid(field, $"\"{Api.Text.Cut(text)}\" is not a boolean: give true or false"),
        };
    }

    /// <summary>An ISO 8601 time (e.g. 2022-11-01T17:00:00Z; without an offset it is UTC), as UTC; null when absent.</summary>
    public static DateTimeOffset? Time(HttpContext http, string name, string field)
    {
        var text = Text(http, name, field);
        if (text.Length == 0) return null;
        if (!Iso8601().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw ApiException.Invalid(field, $"\"{Api.Text.Cut(text)}\" is not an ISO 8601 time: give e.g. 2022-11-01T17:00:00Z (in a URL, write + as %2B)");
        return time.ToUniversalTime();
    }

    /// <summary>A version number of a route (1, 2, …).</summary>
    public static long Version(string text, string field)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
            throw ApiException.Invalid(field, $"\"{Api.Text.Cut(text)}\" is not a version: give a whole number from 1");
        return version;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();
}
