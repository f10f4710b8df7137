using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sems.Contracts.Limits;

namespace Sems.Gateway.Auth;

/// <summary>
/// Mints SEMS bearer tokens: compact JWTs signed with HMAC-SHA256 (HS256) by the configured key, carrying <c>sub</c>,
/// <c>scope</c> (space-separated), <c>districts</c> (a JSON array), <c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>iss</c>,
/// <c>aud</c> and a random <c>jti</c>. The gateway accepts exactly what this writes.
/// </summary>
public static class TokenIssuer
{
    /// <summary>The longest lifetime a token may have: 366 days.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>The most characters a subject may have.</summary>
    public const int MaxSubjectLength = 256;

    /// <summary>
    /// A token for <paramref name="subject"/> granting <paramref name="scopes"/> on <paramref name="districts"/>, valid
    /// from now (<paramref name="time"/>, to the second) for <paramref name="lifetime"/>. Throws
    /// <see cref="ArgumentException"/> naming the field and the value for an empty subject, an unknown scope, a district
    /// that is neither a district name nor "*", or a lifetime not above 0 or above 366 days; and
    /// <see cref="InvalidOperationException"/> when the options' key is not valid.
    /// </summary>
    public static string Mint(SemsAuthOptions options, string subject, IEnumerable<string> scopes, IEnumerable<string> districts, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(time);
        var scopeList = scopes.ToList();
        var districtList = districts.ToList();
        if (Validate(subject, scopeList, districtList, lifetime) is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}")), problems[0].Field);

        var key = options.SecurityKey();
        // JWT times are whole seconds (RFC 7519 NumericDate): truncate now so iat, nbf and exp agree with the encoding.
        var nowSeconds = time.GetUtcNow().ToUnixTimeSeconds();
        var now = DateTimeOffset.FromUnixTimeSeconds(nowSeconds).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [SemsClaims.Subject] = subject,
                [SemsClaims.Scope] = string.Join(' ', scopeList.Distinct(StringComparer.Ordinal)),
                [SemsClaims.Districts] = districtList.Distinct(StringComparer.Ordinal).ToArray(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>
    /// Every problem of a token request, each with its field (<c>subject</c>, <c>scopes</c>, <c>districts</c>,
    /// <c>lifetime</c>) and the value with the rule it breaks; empty when a token can be minted.
    /// </summary>
    public static IReadOnlyList<LimitViolation> Validate(string? subject, IEnumerable<string> scopes, IEnumerable<string> districts, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(districts);
        var problems = new List<LimitViolation>();
        if (string.IsNullOrWhiteSpace(subject)) problems.Add(new("subject", $"\"{subject}\" is empty; name the principal (e.g. dso-operator)"));
        else if (subject.Length > MaxSubjectLength) problems.Add(new("subject", $"is {subject.Length} characters long; at most {MaxSubjectLength}"));
        else if (subject.Any(char.IsControl)) problems.Add(new("subject", $"\"{Printable(subject)}\" holds a control character; use printable characters only"));

        var scopeList = scopes.ToList();
        if (scopeList.Count == 0) problems.Add(new("scopes", $"none given; give one or more of {string.Join(", ", SemsScopes.All)}"));
        foreach (var scope in scopeList.Where(s => !SemsScopes.IsKnown(s)).Distinct(StringComparer.Ordinal))
            problems.Add(new("scopes", $"\"{Printable(scope)}\" is not a scope; the scopes are {string.Join(", ", SemsScopes.All)}"));

        var districtList = districts.ToList();
        if (districtList.Count == 0) problems.Add(new("districts", "none given; name the districts the principal may touch, or \"*\" for all"));
        foreach (var district in districtList.Where(d => !SemsClaims.IsDistrictEntry(d)).Distinct(StringComparer.Ordinal))
            problems.Add(new("districts", $"\"{Printable(district)}\" is not a district name; a district is {SemsClaims.DistrictRule}"));

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
            problems.Add(new("lifetime", $"{Describe(lifetime)} is out of range; it must be above 0 s and at most {MaxLifetime.TotalDays:0} days"));
        return problems;
    }

    /// <summary>A fresh signing key: the base64 of <see cref="SemsAuthOptions.MinKeyBytes"/> bytes from <see cref="RandomNumberGenerator"/>.</summary>
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SemsAuthOptions.MinKeyBytes));

    private static string Describe(TimeSpan lifetime) =>
        Math.Abs(lifetime.TotalDays) >= 1
            ? $"{lifetime.TotalDays.ToString("0.###", CultureInfo.InvariantCulture)} days"
            : $"{lifetime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    /// <summary>The value for a message: control characters as \uXXXX, at most 100 characters.</summary>
    internal static string Printable(string value)
    {
        var text = string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 100), "…");
    }
}
