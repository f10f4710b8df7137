using System.Globalization;
using System.Text;
using Sems.Engine.Json;

namespace Sems.Engine.Limits;

/// <summary>
/// The rules a limit request must meet before it is accepted. <see cref="Validate"/> reports every problem, each as a
/// field violation with the request's field path, the value (invariant culture, at most 120 characters quoted) and
/// the rule; an empty list means the request is valid.
/// </summary>
public static class LimitRules
{
    /// <summary>The most intervals one profile may hold.</summary>
    public const int MaxIntervals = 10_000;

    /// <summary>The largest limit accepted, kW (import, export and fallback).</summary>
    public const double MaxKw = 1e7;

    /// <summary>The longest interval accepted: a month, the longest horizon a district file may have.</summary>
    public static readonly TimeSpan MaxResolution = TimeSpan.FromDays(31);

    /// <summary>The longest reason accepted, in characters (Unicode scalar values).</summary>
    public const int MaxReasonCharacters = 500;

    /// <summary>The first and the last-plus-one (UTC) year a profile may start in.</summary>
    public const int FirstYear = 1900, EndYear = 2200;

    /// <summary>
    /// Every problem with <paramref name="request"/> against the district of <paramref name="context"/>:
    /// <c>node</c> must be <c>""</c> or the district's name; <c>resource</c> one of the context's resources;
    /// <c>resolution</c> positive, a whole number of steps and at most 31 days; <c>import_max_kw</c> 1 to 10,000
    /// values, each finite in [0, 1e7] kW; <c>export_max_kw</c>, if given (not null, not empty), as many values, each
    /// finite in [0, 1e7] kW; <c>start</c> on the step grid (a whole number of steps from midnight UTC), in the years
    /// 1900 to 2199, and the profile must end after now; <c>fallback_import_max_kw</c>, if given, finite in [0, 1e7] kW;
    /// <c>reason</c> at most 500 characters without control characters.
    /// </summary>
    public static IReadOnlyList<FieldViolation> Validate(LimitRequest request, LimitContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(context.DistrictName);
        ArgumentNullException.ThrowIfNull(context.Resources);
        var stepTicks = LimitTime.StepTicks(context.StepMinutes, nameof(context));
        var violations = new List<FieldViolation>();
        void Add(string field, string description) => violations.Add(new FieldViolation(field, description));

        if (request.Node is null) Add("node", "is missing: give \"\" or the district's name");
        else if (request.Node.Length > 0 && !string.Equals(request.Node, context.DistrictName, StringComparison.Ordinal))
        {
            Add("node", $"{JsonCursor.Quote(request.Node)} is not a connection point of district {JsonCursor.Quote(context.DistrictName)}: give \"\" or {JsonCursor.Quote(context.DistrictName)} (the district's root; other nodes come with the grid topology)");
        }

        if (request.Resource is null) Add("resource", "is missing: give the resource limited, e.g. \"electricity\"");
        else if (!context.Resources.Contains(request.Resource))
        {
            Add("resource", $"{JsonCursor.Quote(request.Resource)} is not a resource that can carry a grid limit in this district (known: {Known(context.Resources)})");
        }

        var resolution = request.Resolution;
        var resolutionValid = false;
        if (resolution <= TimeSpan.Zero) Add("resolution", $"{Minutes(resolution)} is not a positive duration");
        else if (resolution.Ticks % stepTicks != 0)
        {
            var step = context.StepMinutes;
            Add("resolution", string.Create(CultureInfo.InvariantCulture,
                $"{Minutes(resolution)} is not a whole number of the district's {step}-minute steps (e.g. {step} min, {2 * step} min or {4 * step} min)"));
        }
        else if (resolution > MaxResolution) Add("resolution", $"{Minutes(resolution)} is longer than {Minutes(MaxResolution)} (31 days), the longest interval accepted");
        else resolutionValid = true;

        var imports = request.ImportMaxKw;
        var countValid = false;
        if (imports is null || imports.Count == 0) Add("import_max_kw", "is empty: give 1 to 10,000 import limits in kW, one per interval");
        else if (imports.Count > MaxIntervals)
        {
            Add("import_max_kw", string.Create(CultureInfo.InvariantCulture, $"has {imports.Count:N0} values; at most {MaxIntervals:N0} intervals are accepted"));
        }
        else countValid = true;

        if (imports is not null) Limits(imports, "import_max_kw", Add);

        if (request.ExportMaxKw is { Count: > 0 } exports)
        {
            if (imports is not null && exports.Count != imports.Count)
            {
                Add("export_max_kw", string.Create(CultureInfo.InvariantCulture,
                    $"has {exports.Count:N0} values but import_max_kw has {imports.Count:N0}: give one export limit per interval, or none"));
            }

            Limits(exports, "export_max_kw", Add);
        }

        var start = request.Start;
        var year = start.UtcDateTime.Year;
        if (start.UtcTicks % stepTicks != 0)
        {
            Add("start", string.Create(CultureInfo.InvariantCulture,
                $"{Instant(start)} is not on the district's {context.StepMinutes}-minute step grid (a whole number of steps from midnight UTC)"));
        }

        if (year is < FirstYear or >= EndYear)
        {
            Add("start", string.Create(CultureInfo.InvariantCulture, $"{Instant(start)} is not in the years {FirstYear} to {EndYear - 1}"));
        }
        else if (resolutionValid && countValid)
        {
            var end = request.End;
            if (end <= context.Now)
            {
                Add("start", $"{Instant(start)}: the profile ends at {Instant(end)} which is {(end == context.Now ? "now" : "before now")} ({Instant(context.Now)}); a profile must end after now");
            }
        }

        if (request.FallbackImportMaxKw is { } fallback && Problem(fallback) is { } fallbackRule)
        {
            Add("fallback_import_max_kw", fallbackRule);
        }

        if (request.Reason is null) Add("reason", "is missing: give the reason in words, or \"\"");
        else
        {
            var characters = request.Reason.EnumerateRunes().Count();
            if (characters > MaxReasonCharacters)
            {
                Add("reason", string.Create(CultureInfo.InvariantCulture,
                    $"{JsonCursor.Quote(request.Reason)} has {characters:N0} characters; at most {MaxReasonCharacters} are accepted"));
            }

            var control = -1;
            for (var i = 0; i < request.Reason.Length && control < 0; i++)
            {
                if (char.IsControl(request.Reason[i])) control = i;
            }

            if (control >= 0)
            {
                Add("reason", string.Create(CultureInfo.InvariantCulture,
                    $"{JsonCursor.Quote(request.Reason)} holds the control character U+{(int)request.Reason[control]:X4} at character {control + 1}; a reason is one line of text without control characters"));
            }
        }

        return violations;
    }

    /// <summary>The request with the district root's node written as the district's name (<c>""</c> becomes
    /// <see cref="LimitContext.DistrictName"/>), the form in which versions should be stored and looked up.</summary>
    public static LimitRequest Normalise(LimitRequest request, LimitContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return request.Node is { Length: 0 } ? request with { Node = context.DistrictName } : request;
    }

    private static void Limits(IReadOnlyList<double> values, string field, Action<string, string> add)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (Problem(values[i]) is { } rule) add(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), rule);
        }
    }

    private static string? Problem(double kw) =>
        !double.IsFinite(kw) ? $"{JsonCursor.Format(kw)} is not a finite number of kW"
        : kw is < 0 or > MaxKw ? $"{JsonCursor.Format(kw)} kW is not in [0, 1e7] kW"
        : null;

    private static string Minutes(TimeSpan duration) => $"{JsonCursor.Format(duration.TotalMinutes)} min";

    private static string Instant(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Known(IReadOnlySet<string> resources)
    {
        if (resources.Count == 0) return "none";
        var list = new StringBuilder();
        foreach (var resource in resources.Order(StringComparer.Ordinal))
        {
            if (list.Length > 0) list.Append(", ");
            list.Append(JsonCursor.Quote(resource));
        }

        return StrictJson.Clip(list.ToString());
    }
}
