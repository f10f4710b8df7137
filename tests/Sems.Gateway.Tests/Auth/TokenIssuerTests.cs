using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Tests.Auth;

/// <summary>
/// Tokens of <see cref="TokenIssuer"/> checked by an independently configured <see cref="JsonWebTokenHandler"/> and by
/// a hand-written HS256 check: what validates, what does not, and the refused requests.
/// </summary>
public sealed class TokenIssuerTests
{
    private static readonly DateTimeOffset Minted = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SemsAuthOptions Options(string key) => new() { SigningKey = key };

    private static string MintAt(DateTimeOffset when, TimeSpan lifetime, string key = "") =>
        TokenIssuer.Mint(Options(key.Length == 0 ? Jwt.Key : key), "dso-operator", ["status.read", "limits.write"], ["north", "south"], lifetime, new FakeTimeProvider(when));

    /// <summary>The validation a third party would configure from the documentation: HS256, issuer and audience "sems".</summary>
    private static TokenValidationParameters Validation(string base64Key, DateTimeOffset now, string audience = "sems") => new()
    {
        ValidIssuer = "sems",
        ValidAudience = audience,
        IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(base64Key)),
        ValidAlgorithms = ["HS256"],
        ClockSkew = TimeSpan.Zero,
        // The handler judges the lifetime on the test's clock, not the machine's.
        LifetimeValidator = (notBefore, expires, _, _) => notBefore <= now.UtcDateTime && now.UtcDateTime < expires,
    };

    private static Task<TokenValidationResult> Validate(string token, TokenValidationParameters parameters) =>
        new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);

    [Fact]
    public async Task A_minted_token_validates_with_the_same_key_and_carries_the_claims_given()
    {
        var token = MintAt(Minted, TimeSpan.FromHours(8));

        var result = await Validate(token, Validation(Jwt.Key, Minted.AddMinutes(1)));

        Assert.True(result.IsValid, result.Exception?.Message);
        var identity = result.ClaimsIdentity;
        Assert.Equal("dso-operator", identity.FindFirst("sub")?.Value);
        Assert.Equal("status.read limits.write", identity.FindFirst("scope")?.Value);
        Assert.Equal(["north", "south"], identity.FindAll("districts").Select(c => c.Value).ToArray());
        var principal = ApiPrincipal.From(new ClaimsPrincipal(identity));
        Assert.Equal("dso-operator", principal.Subject);
        Assert.True(principal.Scopes.SetEquals(["status.read", "limits.write"]));
        Assert.True(principal.Districts.SetEquals(["north", "south"]));
    }

    [Fact]
    public void The_token_is_hs256_with_whole_second_times_a_jti_and_a_districts_array()
    {
        var token = MintAt(Minted.AddMilliseconds(700), TimeSpan.FromMinutes(90));

        Assert.Equal(3, token.Split('.').Length);
        Assert.Equal("HS256", Jwt.Header(token).GetProperty("alg").GetString());
        Assert.True(Jwt.SignatureHolds(token, Jwt.Key));
        Assert.False(Jwt.SignatureHolds(token, Jwt.OtherKey));
        var payload = Jwt.Payload(token);
        // 2025-03-01T12:00:00Z is 1740830400 s after the Unix epoch; 90 min = 5400 s.
        Assert.Equal(1740830400, payload.GetProperty("iat").GetInt64());
        Assert.Equal(1740830400, payload.GetProperty("nbf").GetInt64());
        Assert.Equal(1740830400 + 5400, payload.GetProperty("exp").GetInt64());
        Assert.Equal("sems", payload.GetProperty("iss").GetString());
        Assert.Equal("sems", payload.GetProperty("aud").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, payload.GetProperty("districts").ValueKind);
        Assert.Equal(32, payload.GetProperty("jti").GetString()!.Length);
        Assert.NotEqual(payload.GetProperty("jti").GetString(), Jwt.Payload(MintAt(Minted, TimeSpan.FromMinutes(90))).GetProperty("jti").GetString());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        var token = MintAt(Minted, TimeSpan.FromHours(8), Jwt.OtherKey);

        var result = await Validate(token, Validation(Jwt.Key, Minted.AddMinutes(1)));

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task A_token_is_accepted_until_its_lifetime_ends_and_rejected_after()
    {
        var time = new FakeTimeProvider(Minted);
        var token = TokenIssuer.Mint(Options(Jwt.Key), "dso-operator", ["status.read"], ["north"], TimeSpan.FromHours(1), time);
        time.Advance(TimeSpan.FromMinutes(59));
        var before = await Validate(token, Validation(Jwt.Key, time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(2));
        var after = await Validate(token, Validation(Jwt.Key, time.GetUtcNow()));

        Assert.True(before.IsValid, before.Exception?.Message);
        Assert.False(after.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidLifetimeException>(after.Exception);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        var token = MintAt(Minted, TimeSpan.FromHours(8));

        var result = await Validate(token, Validation(Jwt.Key, Minted.AddMinutes(1), audience: "billing"));

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidAudienceException>(result.Exception);
    }

    [Theory]
    [InlineData("", "status.read", "north", 1, "subject")]
    [InlineData("  ", "status.read", "north", 1, "subject")]
    [InlineData("ops", "status.write", "north", 1, "scopes")]
    [InlineData("ops", "Status.Read", "north", 1, "scopes")]
    [InlineData("ops", "status.read", "north east", 1, "districts")]
    [InlineData("ops", "status.read", "-north", 1, "districts")]
    [InlineData("ops", "status.read", "north\n", 1, "districts")]
    [InlineData("ops", "status.read", "**", 1, "districts")]
    [InlineData("ops", "status.read", "north", 0, "lifetime")]
    [InlineData("ops", "status.read", "north", -1, "lifetime")]
    [InlineData("ops", "status.read", "north", 367 * 24, "lifetime")]
    public void A_bad_request_is_an_argument_exception_naming_the_field_and_the_value(string subject, string scope, string district, int lifetimeHours, string field)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TokenIssuer.Mint(Options(Jwt.Key), subject, [scope], [district], TimeSpan.FromHours(lifetimeHours), new FakeTimeProvider(Minted)));

        Assert.Equal(field, e.ParamName);
        Assert.StartsWith($"{field}: ", e.Message, StringComparison.Ordinal);
        if (field is "scopes") Assert.Contains($"\"{scope}\"", e.Message, StringComparison.Ordinal);
        if (field is "districts") Assert.Contains(district.Replace("\n", "\\u000A", StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_lifetime_is_366_days_and_a_64_character_district_is_accepted()
    {
        var district = new string('d', 64);
        var token = TokenIssuer.Mint(Options(Jwt.Key), "ops", ["status.read"], [district, "*"], TimeSpan.FromDays(366), new FakeTimeProvider(Minted));

        Assert.Equal(366L * 86400, Jwt.Payload(token).GetProperty("exp").GetInt64() - Jwt.Payload(token).GetProperty("iat").GetInt64());
        Assert.Throws<ArgumentException>(() => TokenIssuer.Mint(Options(Jwt.Key), "ops", ["status.read"], [district + "d"], TimeSpan.FromDays(1), new FakeTimeProvider(Minted)));
    }

    [Fact]
    public void A_new_signing_key_is_32_random_bytes()
    {
        var first = Convert.FromBase64String(TokenIssuer.NewSigningKey());
        var second = Convert.FromBase64String(TokenIssuer.NewSigningKey());

        Assert.Equal(32, first.Length);
        Assert.False(first.AsSpan().SequenceEqual(second));
    }
}
