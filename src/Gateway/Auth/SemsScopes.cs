namespace Sems.Gateway.Auth;

/// <summary>
/// The scopes a SEMS bearer token can grant (its space-separated <c>scope</c> claim). Each API call needs one; a token
/// grants only what it names.
/// </summary>
public static class SemsScopes
{
    /// <summary>Read a district's status, limits, plans and history.</summary>
    public const string StatusRead = "status.read";

    /// <summary>Set and cancel the grid limits of a district (the DSO's call).</summary>
    public const string LimitsWrite = "limits.write";

    /// <summary>Send measurements of a district's assets.</summary>
    public const string TelemetryWrite = "telemetry.write";

    /// <summary>Read the set-points SEMS gives a district's assets.</summary>
    public const string SetpointsRead = "setpoints.read";

    /// <summary>Create, replace and remove district definitions.</summary>
    public const string DistrictsAdmin = "districts.admin";

    /// <summary>Every scope, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [StatusRead, LimitsWrite, TelemetryWrite, SetpointsRead, DistrictsAdmin];

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="All"/> (exact, case-sensitive).</summary>
    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
