using System.Collections.Frozen;
using System.Security.Claims;

namespace Sems.Gateway.Auth;

/// <summary>
/// Who calls the API, as a validated bearer token says: the subject, the scopes it grants and the districts it may
/// touch (<see cref="SemsClaims.AllDistricts"/> for all).
/// </summary>
public sealed record ApiPrincipal(string Subject, IReadOnlySet<string> Scopes, IReadOnlySet<string> Districts)
{
    /// <summary>The subject of the development principal.</summary>
    public const string InsecureDevSubject = "insecure-dev";

    /// <summary>The principal every call is in insecure development mode: every scope, every district.</summary>
    public static ApiPrincipal InsecureDev { get; } = new(
        InsecureDevSubject, SemsScopes.All.ToFrozenSet(StringComparer.Ordinal), new[] { SemsClaims.AllDistricts }.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Whether the token grants <paramref name="scope"/>.</summary>
    public bool Has(string scope) => Scopes.Contains(scope);

    /// <summary>Whether the principal may touch <paramref name="district"/>: it is named, or the districts claim holds "*".</summary>
    public bool MayTouch(string district)
    {
        ArgumentNullException.ThrowIfNull(district);
        return Districts.Contains(SemsClaims.AllDistricts) || Districts.Contains(district);
    }

    /// <summary>
    /// The principal of an authenticated user (claims <c>sub</c>, <c>scope</c>, <c>districts</c>, names kept as the
    /// token has them). Throws <see cref="ArgumentException"/> when the user is not authenticated or names no subject.
    /// </summary>
    public static ApiPrincipal From(ClaimsPrincipal user) =>
        TryFrom(user, out var principal, out var problem) ? principal : throw new ArgumentException(problem, nameof(user));

    /// <summary>The principal of an authenticated user, or false with the problem (not authenticated, no subject).</summary>
    public static bool TryFrom(ClaimsPrincipal? user, out ApiPrincipal principal, out string problem)
    {
        principal = InsecureDev;
        problem = "";
        if (user?.Identities.FirstOrDefault(i => i.IsAuthenticated) is not { } identity)
        {
            problem = "the call carries no valid bearer token";
            return false;
        }

        var subject = identity.FindFirst(SemsClaims.Subject)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            problem = "the token names no subject (claim sub)";
            return false;
        }

        var scopes = identity.FindAll(SemsClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToFrozenSet(StringComparer.Ordinal);
        var districts = identity.FindAll(SemsClaims.Districts)
            .Select(c => c.Value)
            .Where(SemsClaims.IsDistrictEntry)
            .ToFrozenSet(StringComparer.Ordinal);
        principal = new ApiPrincipal(subject, scopes, districts);
        return true;
    }

    /// <summary>This principal as the claims of an identity authenticated by <paramref name="authenticationType"/>.</summary>
    public ClaimsPrincipal ToClaimsPrincipal(string authenticationType)
    {
        var claims = new List<Claim> { new(SemsClaims.Subject, Subject), new(SemsClaims.Scope, string.Join(' ', Scopes.Order(StringComparer.Ordinal))) };
        claims.AddRange(Districts.Order(StringComparer.Ordinal).Select(d => new Claim(SemsClaims.Districts, d)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, SemsClaims.Subject, SemsClaims.Scope));
    }
}
