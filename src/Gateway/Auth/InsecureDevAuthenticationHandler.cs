using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sems.Gateway.Auth;

/// <summary>
/// The authentication scheme of insecure development mode: every request is authenticated as
/// <see cref="ApiPrincipal.InsecureDev"/> (all scopes, all districts), whatever it carries.
/// </summary>
internal sealed class InsecureDevAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiPrincipal.InsecureDev.ToClaimsPrincipal(Scheme.Name), Scheme.Name)));
}
