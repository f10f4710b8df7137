using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Tests.Auth;

/// <summary>
/// Real HTTP calls to Kestrel with the SEMS credentials: status codes for each kind of refusal, the warnings, and the
/// <c>sems.auth.rejected</c> counter as a <see cref="MeterListener"/> sees it.
/// </summary>
public sealed class AuthServerTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Sems:Auth:SigningKey"] = Jwt.Key };

    private static string Token(string scopes, string district, TimeSpan lifetime, TimeProvider time, string key = "") =>
        TokenIssuer.Mint(new SemsAuthOptions { SigningKey = key.Length == 0 ? Jwt.Key : key }, "alice", scopes.Split(' '), [district], lifetime, time);

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Put(HttpClient client, string district, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v1/districts/{district}/limits");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task Each_refusal_gets_its_status_and_is_counted_once_under_its_reason()
    {
        await using var server = await AuthTestServer.StartAsync(Settings);
        var measured = new List<(string Reason, string Operation, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == server.MeterFactory && instrument.Meter.Name == "Sems.Gateway" && instrument.Name == "sems.auth.rejected") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            var reason = all.Single(t => t.Key == "reason").Value as string ?? "";
            var operation = all.Single(t => t.Key == "operation").Value as string ?? "";
            lock (measured) measured.Add((reason, operation, value));
        });
        listener.Start();
        _ = server.Rejections;
        using var client = new HttpClient { BaseAddress = server.Address };
        var now = TimeProvider.System;
        var twoHoursAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));

        var none = await Put(client, "north", null);
        var expired = await Put(client, "north", $"Bearer {Token("limits.write", "north", TimeSpan.FromHours(1), twoHoursAgo)}");
        var otherKey = await Put(client, "north", $"Bearer {Token("limits.write", "north", TimeSpan.FromHours(1), now, Jwt.OtherKey)}");
        var malformed = await Put(client, "north", "Bearer not.a-token");
        var wrongScope = await Put(client, "north", $"Bearer {Token("status.read", "north", TimeSpan.FromHours(1), now)}");
        var otherDistrict = await Put(client, "south", $"Bearer {Token("limits.write status.read", "north", TimeSpan.FromHours(1), now)}");
        var valid = await Put(client, "north", $"Bearer {Token("limits.write", "north", TimeSpan.FromHours(1), now)}");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal("Bearer", Assert.Single(none.Response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("error=\"invalid_token\"", expired.Response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKey.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, malformed.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "token of alice lacks scope limits.write"), (wrongScope.Status, wrongScope.Body));
        Assert.Equal((HttpStatusCode.Forbidden, "alice may not touch district south"), (otherDistrict.Status, otherDistrict.Body));
        Assert.Equal((HttpStatusCode.OK, "alice"), (valid.Status, valid.Body));

        (string, string, long)[] expected =
        [
            ("missing_token", "/v1/districts/{district}/limits", 1),
            ("expired_token", "/v1/districts/{district}/limits", 1),
            ("invalid_token", "/v1/districts/{district}/limits", 1),
            ("invalid_token", "/v1/districts/{district}/limits", 1),
            ("missing_scope", "SetLimit", 1),
            ("other_district", "SetLimit", 1),
        ];
        lock (measured) Assert.Equal(expected, measured.Select(m => (m.Reason, m.Operation, m.Value)).ToArray());
        Assert.Equal([1, 2, 1, 1, 1], new[] { "missing_token", "invalid_token", "expired_token", "missing_scope", "other_district" }.Select(r => server.Rejections.Count(r)));

        var warnings = server.Log.Entries.Where(e => e.Category == typeof(AuthRejections).FullName && e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(
        [
            "Rejected /v1/districts/{district}/limits of anonymous: missing_token",
            "Rejected /v1/districts/{district}/limits of alice (unverified): expired_token",
            "Rejected /v1/districts/{district}/limits of alice (unverified): invalid_token",
            "Rejected /v1/districts/{district}/limits of anonymous: invalid_token",
            "Rejected SetLimit of alice: missing_scope",
            "Rejected SetLimit of alice: other_district",
        ], warnings);
    }

    [Fact]
    public async Task A_token_within_the_clock_skew_of_its_expiry_is_still_accepted()
    {
        await using var server = await AuthTestServer.StartAsync(Settings);
        using var client = new HttpClient { BaseAddress = server.Address };
        // Expired 10 s ago; the default skew is 30 s.
        var minted = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(-70));

        var call = await Put(client, "north", $"Bearer {Token("limits.write", "north", TimeSpan.FromMinutes(1), minted)}");

        Assert.Equal(HttpStatusCode.OK, call.Status);
    }

    [Fact]
    public async Task A_token_of_another_issuer_is_refused()
    {
        await using var server = await AuthTestServer.StartAsync(Settings);
        using var client = new HttpClient { BaseAddress = server.Address };
        var token = TokenIssuer.Mint(new SemsAuthOptions { SigningKey = Jwt.Key, Issuer = "elsewhere" }, "alice", ["limits.write"], ["north"], TimeSpan.FromHours(1), TimeProvider.System);

        var call = await Put(client, "north", $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        Assert.Equal(1, server.Rejections.Count("invalid_token"));
    }

    [Fact]
    public async Task Insecure_dev_accepts_every_call_as_the_dev_principal()
    {
        await using var server = await AuthTestServer.StartAsync(new Dictionary<string, string?>(), insecureDev: true);
        using var client = new HttpClient { BaseAddress = server.Address };

        var none = await Put(client, "any-district", null);
        var bogus = await Put(client, "other", "Bearer not.a-token");

        Assert.Equal((HttpStatusCode.OK, "insecure-dev"), (none.Status, none.Body));
        Assert.Equal((HttpStatusCode.OK, "insecure-dev"), (bogus.Status, bogus.Body));
        Assert.Equal(0, AuthRejections.Reasons.Sum(server.Rejections.Count));
    }
}
