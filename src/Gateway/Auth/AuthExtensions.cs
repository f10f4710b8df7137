using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sems.Gateway.Auth;

/// <summary>Registers the API's credentials: bearer JWTs checked against the configured key, or insecure development mode.</summary>
public static class AuthExtensions
{
    /// <summary>The authentication scheme of insecure development mode.</summary>
    public const string InsecureDevScheme = "InsecureDev";

    /// <summary>
    /// Adds authentication and authorization of the "Sems:Auth" settings of <paramref name="configuration"/>:
    /// JwtBearer with the signing key, issuer, audience and clock skew (claims keep their names: <c>sub</c>, <c>scope</c>,
    /// <c>districts</c>), a default policy that needs an authenticated user, <see cref="AuthRejections"/> (a refused
    /// token is counted when the call is challenged) and <see cref="Authorizer"/>. With <paramref name="insecureDev"/>
    /// (--insecure-dev) every request is authenticated as <see cref="ApiPrincipal.InsecureDev"/> instead; the host binds
    /// loopback only and says so. The registered <see cref="SemsAuthOptions"/> tells which mode is in force. Throws
    /// <see cref="InvalidOperationException"/> naming the setting when no key is set outside insecure development mode,
    /// when Sems:Auth:InsecureDev is set without the flag, or when a setting is not valid.
    /// </summary>
    public static IServiceCollection AddSemsAuth(this IServiceCollection services, IConfiguration configuration, bool insecureDev)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = SemsAuthOptions.Read(configuration);
        if (options.Problems() is { Count: > 0 } problems) throw new InvalidOperationException(string.Join("; ", problems));
        // Only the command line turns credentials off, so the host that binds loopback for --insecure-dev knows it does.
        if (options.InsecureDev && !insecureDev)
            throw new InvalidOperationException($"{SemsAuthOptions.Section}:{nameof(SemsAuthOptions.InsecureDev)} is true, but serving without credentials needs --insecure-dev on the command line (which binds loopback only); remove the setting or give the flag");
        var dev = insecureDev;
        options.InsecureDev = dev;
        // Checked now, so a missing or bad key stops the host before it listens.
        var key = dev ? null : options.SecurityKey();

        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(options);
        services.TryAddSingleton<AuthRejections>();
        services.TryAddSingleton<Authorizer>();
        string scheme;
        if (dev)
        {
            scheme = InsecureDevScheme;
            services.AddAuthentication(scheme).AddScheme<AuthenticationSchemeOptions, InsecureDevAuthenticationHandler>(scheme, null);
        }
        else
        {
            scheme = JwtBearerDefaults.AuthenticationScheme;
            services.AddAuthentication(scheme).AddJwtBearer(scheme, jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.IncludeErrorDetails = true;
                jwt.TokenValidationParameters = ValidationParameters(options, key!);
                jwt.Events = new JwtBearerEvents { OnChallenge = CountChallenge };
            });
        }

        services.AddAuthorization(authorization =>
            authorization.DefaultPolicy = new AuthorizationPolicyBuilder(scheme).RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>What a token must be to be accepted: HS256 with the key, the issuer, the audience, within its lifetime (± the skew).</summary>
    internal static TokenValidationParameters ValidationParameters(SemsAuthOptions options, SecurityKey key) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = options.ClockSkew,
        NameClaimType = SemsClaims.Subject,
        RoleClaimType = SemsClaims.Scope,
    };

    /// <summary>
    /// A challenge is a refused call (the endpoint needs an authenticated user and has none): counted with the reason the
    /// token failed for (none: <see cref="AuthRejections.MissingToken"/>) and the subject the token claims, marked unverified.
    /// </summary>
    private static Task CountChallenge(JwtBearerChallengeContext context)
    {
        var rejections = context.HttpContext.RequestServices.GetRequiredService<AuthRejections>();
        var reason = AuthRejections.ReasonFor(context.AuthenticateFailure);
        var principal = reason == AuthRejections.MissingToken ? AuthRejections.Anonymous : UnverifiedSubject(context.Request);
        rejections.Reject(principal, reason, Operation(context.HttpContext));
        return Task.CompletedTask;
    }

    /// <summary>The operation of a request for logs and metrics: its route pattern (a gRPC method's path), else its path.</summary>
    internal static string Operation(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : context.Request.Path.Value ?? "/";

    /// <summary>The <c>sub</c> a refused token claims, "(unverified)"; <see cref="AuthRejections.Anonymous"/> when it cannot be read.</summary>
    private static string UnverifiedSubject(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return AuthRejections.Anonymous;
        try
        {
            var token = new JsonWebToken(header[prefix.Length..].Trim());
            return token.TryGetPayloadValue<string>(SemsClaims.Subject, out var subject) && !string.IsNullOrWhiteSpace(subject)
                ? $"{(subject.Length > 64 ? subject[..64] + "…" : subject)} (unverified)"
                : AuthRejections.Anonymous;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or System.Text.Json.JsonException or FormatException)
        {
            // A token too malformed to read: its claims are unknown.
            return AuthRejections.Anonymous;
        }
    }

    /// <summary>The principal of a request's user, for callers that only log it: its subject, else <see cref="AuthRejections.Anonymous"/>.</summary>
    public static string SubjectOf(ClaimsPrincipal? user) =>
        ApiPrincipal.TryFrom(user, out var principal, out _) ? principal.Subject : AuthRejections.Anonymous;
}
