using Microsoft.Extensions.Configuration;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Tests.Auth;

/// <summary>The signing key setting: what is accepted, and messages that name the setting without echoing the key.</summary>
public sealed class SemsAuthOptionsTests
{
    [Fact]
    public void A_key_that_is_not_base64_is_refused_naming_the_setting_and_its_length_not_its_value()
    {
        var key = "not-base64-but-a-secret-phrase!!";

        var e = Assert.Throws<InvalidOperationException>(() => new SemsAuthOptions { SigningKey = key }.KeyBytes());

        Assert.StartsWith("Sems:Auth:SigningKey is not base64", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{key.Length} characters", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_31_bytes_is_too_short_and_one_of_32_bytes_is_accepted()
    {
        var shortKey = Convert.ToBase64String(new byte[31]);
        var key = Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))]);

        var e = Assert.Throws<InvalidOperationException>(() => new SemsAuthOptions { SigningKey = shortKey }.KeyBytes());

        Assert.Contains("Sems:Auth:SigningKey is too short: it decodes to 31 bytes", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, e.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)), new SemsAuthOptions { SigningKey = $"  {key}\n" }.KeyBytes());
    }

    [Fact]
    public void The_settings_are_read_from_the_section_with_the_documented_defaults()
    {
        var empty = SemsAuthOptions.Read(new ConfigurationBuilder().Build());
        var set = SemsAuthOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sems:Auth:SigningKey"] = Jwt.Key,
            ["Sems:Auth:Issuer"] = "dso-a",
            ["Sems:Auth:ClockSkew"] = "00:01:00",
            ["Sems:Auth:InsecureDev"] = "true",
        }).Build());

        Assert.Equal(("sems", "sems", TimeSpan.FromSeconds(30), false, (string?)null), (empty.Issuer, empty.Audience, empty.ClockSkew, empty.InsecureDev, empty.SigningKey));
        Assert.Equal(("dso-a", "sems", TimeSpan.FromMinutes(1), true, Jwt.Key), (set.Issuer, set.Audience, set.ClockSkew, set.InsecureDev, set.SigningKey));
    }

    [Fact]
    public void A_clock_skew_beyond_five_minutes_is_refused_with_its_value()
    {
        var problems = new SemsAuthOptions { SigningKey = Jwt.Key, ClockSkew = TimeSpan.FromMinutes(6) }.Problems();

        Assert.Equal("Sems:Auth:ClockSkew is 360 s; it must be from 0 to 300 s", Assert.Single(problems));
    }
}
