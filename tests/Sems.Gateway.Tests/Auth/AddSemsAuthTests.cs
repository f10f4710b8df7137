using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Tests.Auth;

/// <summary>What <see cref="AuthExtensions.AddSemsAuth"/> refuses before a host can start.</summary>
public sealed class AddSemsAuthTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Without_a_key_and_without_insecure_dev_it_throws_naming_the_setting_and_the_way_out()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSemsAuth(Configuration(), insecureDev: false));

        Assert.Contains("Sems:Auth:SigningKey is not set", e.Message, StringComparison.Ordinal);
        Assert.Contains("SEMS_Sems__Auth__SigningKey", e.Message, StringComparison.Ordinal);
        Assert.Contains("--insecure-dev", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_key_is_refused_without_echoing_it()
    {
        var key = Convert.ToBase64String("sixteen-byte-key"u8.ToArray());

        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSemsAuth(Configuration(("Sems:Auth:SigningKey", key)), insecureDev: false));

        Assert.Contains("Sems:Auth:SigningKey is too short: it decodes to 16 bytes", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insecure_dev_needs_no_key()
    {
        var services = new ServiceCollection().AddSemsAuth(Configuration(), insecureDev: true).BuildServiceProvider();

        Assert.True(services.GetRequiredService<SemsAuthOptions>().InsecureDev);
        Assert.NotNull(services.GetRequiredService<Authorizer>());
    }

    [Fact]
    public void The_insecure_dev_setting_without_the_flag_is_refused_even_with_a_key()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSemsAuth(
            Configuration(("Sems:Auth:InsecureDev", "true"), ("Sems:Auth:SigningKey", Jwt.Key)), insecureDev: false));

        Assert.Contains("Sems:Auth:InsecureDev is true", e.Message, StringComparison.Ordinal);
        Assert.Contains("--insecure-dev", e.Message, StringComparison.Ordinal);
    }
}
