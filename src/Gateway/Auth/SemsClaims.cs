using System.Text.RegularExpressions;

namespace Sems.Gateway.Auth;

/// <summary>The claim names of a SEMS bearer token and the rule a district name in it follows.</summary>
public static partial class SemsClaims
{
    /// <summary>The principal's name.</summary>
    public const string Subject = "sub";

    /// <summary>The granted scopes, space-separated (see <see cref="SemsScopes"/>).</summary>
    public const string Scope = "scope";

    /// <summary>The districts the principal may touch: a JSON array of district names, or <see cref="AllDistricts"/>.</summary>
    public const string Districts = "districts";

    /// <summary>The district entry that stands for every district.</summary>
    public const string AllDistricts = "*";

    /// <summary>The rule of a district name, as the documentation states it.</summary>
    public const string DistrictRule = "1–64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit, or \"*\" for all";

    /// <summary>Whether <paramref name="district"/> is a valid entry of the districts claim: a district name or "*".</summary>
    public static bool IsDistrictEntry(string? district) => district is not null && (district == AllDistricts || DistrictName().IsMatch(district));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DistrictName();
}
