using System.Security.Claims;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Tests.Auth;

/// <summary><see cref="Authorizer"/> decisions, each written out by hand: scope first, then the district.</summary>
public sealed class AuthorizerTests
{
    /// <summary>The callers of the table, as a validated token's claims would make them.</summary>
    private static ClaimsPrincipal Caller(string name) => name switch
    {
        "dso" => User("dso", "limits.write status.read", "north", "south"),
        "reader" => User("reader", "status.read", "north"),
        "admin" => User("admin", "status.read limits.write telemetry.write setpoints.read districts.admin", "*"),
        "no-scope" => User("no-scope", "", "north"),
        "anonymous" => new ClaimsPrincipal(new ClaimsIdentity()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such caller in the table"),
    };

    private static ClaimsPrincipal User(string subject, string scope, params string[] districts) =>
        new(new ClaimsIdentity(
            [new Claim("sub", subject), new Claim("scope", scope), .. districts.Select(d => new Claim("districts", d))], "Bearer"));

    [Theory]
    // dso: limits.write and status.read on north and south.
    [InlineData("dso", "status.read", "north", "ok")]
    [InlineData("dso", "status.read", "south", "ok")]
    [InlineData("dso", "status.read", "east", "other_district")]
    [InlineData("dso", "status.read", null, "ok")]
    [InlineData("dso", "limits.write", "north", "ok")]
    [InlineData("dso", "limits.write", "south", "ok")]
    [InlineData("dso", "limits.write", "east", "other_district")]
    [InlineData("dso", "limits.write", null, "ok")]
    [InlineData("dso", "telemetry.write", "north", "missing_scope")]
    [InlineData("dso", "telemetry.write", "east", "missing_scope")]
    [InlineData("dso", "telemetry.write", null, "missing_scope")]
    [InlineData("dso", "setpoints.read", "north", "missing_scope")]
    [InlineData("dso", "setpoints.read", "east", "missing_scope")]
    [InlineData("dso", "setpoints.read", null, "missing_scope")]
    [InlineData("dso", "districts.admin", "north", "missing_scope")]
    [InlineData("dso", "districts.admin", "east", "missing_scope")]
    [InlineData("dso", "districts.admin", null, "missing_scope")]
    // District names are exact: case and near names do not match.
    [InlineData("dso", "status.read", "North", "other_district")]
    [InlineData("dso", "status.read", "north-2", "other_district")]
    [InlineData("dso", "status.read", "*", "other_district")]
    // reader: status.read on north only.
    [InlineData("reader", "status.read", "north", "ok")]
    [InlineData("reader", "status.read", "south", "other_district")]
    [InlineData("reader", "limits.write", "north", "missing_scope")]
    [InlineData("reader", "limits.write", "south", "missing_scope")]
    // admin: every scope, "*" for every district.
    [InlineData("admin", "status.read", "east", "ok")]
    [InlineData("admin", "limits.write", "east", "ok")]
    [InlineData("admin", "telemetry.write", "east", "ok")]
    [InlineData("admin", "setpoints.read", "east", "ok")]
    [InlineData("admin", "districts.admin", "east", "ok")]
    [InlineData("admin", "districts.admin", null, "ok")]
    // A token with no scope, and no token at all.
    [InlineData("no-scope", "status.read", "north", "missing_scope")]
    [InlineData("anonymous", "status.read", "north", "missing_token")]
    [InlineData("anonymous", "status.read", null, "missing_token")]
    public void Require_decides_by_scope_then_district_and_counts_each_refusal_once(string caller, string scope, string? district, string expected)
    {
        using var test = new TestRejections();
        var authorizer = new Authorizer(test.Rejections);
        var user = Caller(caller);

        if (expected == "ok")
        {
            Assert.Equal(caller, authorizer.Require(user, scope, district, "SetLimit").Subject);
        }
        else
        {
            var e = Assert.Throws<ApiException>(() => authorizer.Require(user, scope, district, "SetLimit"));
            var (code, message) = expected switch
            {
                "missing_token" => (StatusCode.Unauthenticated, "the call needs a bearer token (authorization: Bearer …); mint one with sems token"),
                "missing_scope" => (StatusCode.PermissionDenied, $"token of {caller} lacks scope {scope}"),
                _ => (StatusCode.PermissionDenied, $"{caller} may not touch district {district}"),
            };
            Assert.Equal(code, e.Code);
            Assert.Equal(message, e.Message);
        }

        foreach (var reason in new[] { "missing_token", "invalid_token", "expired_token", "missing_scope", "other_district" })
            Assert.Equal(reason == expected ? 1 : 0, test.Rejections.Count(reason));
        var warnings = test.Log.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        if (expected == "ok") Assert.Empty(warnings);
        else Assert.Equal($"Rejected SetLimit of {(caller == "anonymous" ? "anonymous" : caller)}: {expected}", Assert.Single(warnings).Message);
    }

    [Fact]
    public void An_authenticated_identity_without_a_subject_is_unauthenticated_as_an_invalid_token()
    {
        using var test = new TestRejections();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", "status.read")], "Bearer"));

        var e = Assert.Throws<ApiException>(() => new Authorizer(test.Rejections).Require(user, "status.read", null, "GetStatus"));

        Assert.Equal(StatusCode.Unauthenticated, e.Code);
        Assert.Equal(1, test.Rejections.Count("invalid_token"));
    }

    [Fact]
    public void Visible_keeps_the_districts_a_caller_may_touch_in_order_without_repeats()
    {
        using var test = new TestRejections();
        var authorizer = new Authorizer(test.Rejections);
        string[] districts = ["east", "south", "north", "south", "west"];

        Assert.Equal(["south", "north"], authorizer.Visible(Caller("dso"), districts));
        Assert.Equal(["north"], authorizer.Visible(Caller("reader"), districts));
        Assert.Equal(["east", "south", "north", "west"], authorizer.Visible(Caller("admin"), districts));
        Assert.Empty(authorizer.Visible(Caller("anonymous"), districts));
    }

    [Fact]
    public void An_unknown_scope_asked_for_by_the_caller_code_is_a_programming_error()
    {
        using var test = new TestRejections();

        Assert.Throws<ArgumentException>(() => new Authorizer(test.Rejections).Require(Caller("admin"), "limits.read", null, "GetLimits"));
        Assert.Equal(0, test.Rejections.Count("missing_scope"));
    }

    [Fact]
    public void The_insecure_dev_principal_has_every_scope_and_every_district()
    {
        using var test = new TestRejections();
        var user = ApiPrincipal.InsecureDev.ToClaimsPrincipal("InsecureDev");

        foreach (var scope in new[] { "status.read", "limits.write", "telemetry.write", "setpoints.read", "districts.admin" })
            Assert.Equal("insecure-dev", new Authorizer(test.Rejections).Require(user, scope, "any-district", "Call").Subject);
    }
}
