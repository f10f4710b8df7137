using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems token</c>: the token on stdout and nothing else, read back here by hand (base64url, JSON, HMAC-SHA256);
/// exit 2 for invalid options naming the option and the value, exit 3 for a key file that cannot be read.
/// </summary>
public sealed class TokenCommandTests
{
    private const string KeyVariable = "SEMS_Sems__Auth__SigningKey";

    /// <summary>A fixed 32-byte key (bytes 200…231) as base64.</summary>
    private static readonly string Key = Convert.ToBase64String([.. Enumerable.Range(200, 32).Select(i => (byte)i)]);

    private static string KeyFile(TempDirectory directory, string content)
    {
        var path = directory.File("signing.key");
        File.WriteAllText(path, content);
        return path;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    /// <summary>The one line on stdout as a JWT: three parts, the HS256 signature checked with <paramref name="key"/>; its payload.</summary>
    private static JsonElement Payload(CliRun run, string key)
    {
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        var token = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(token + "\n", run.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var mac = HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        Assert.Equal(mac, Base64Url(parts[2]));
        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        using var payload = JsonDocument.Parse(Base64Url(parts[1]));
        return payload.RootElement.Clone();
    }

    [Fact]
    public void A_token_carries_the_subject_scopes_districts_and_the_default_8_hour_lifetime()
    {
        using var directory = new TempDirectory();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var payload = Payload(CliRun.Invoke("token", "--subject", "dso-operator", "--scope", "status.read limits.write", "--district", "north", "south",
            "--key-file", KeyFile(directory, Key + "\n")), Key);

        Assert.Equal("dso-operator", payload.GetProperty("sub").GetString());
        Assert.Equal("status.read limits.write", payload.GetProperty("scope").GetString());
        Assert.Equal(["north", "south"], payload.GetProperty("districts").EnumerateArray().Select(d => d.GetString() ?? "").ToArray());
        Assert.Equal(("sems", "sems"), (payload.GetProperty("iss").GetString(), payload.GetProperty("aud").GetString()));
        var issuedAt = payload.GetProperty("iat").GetInt64();
        Assert.InRange(issuedAt, before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(8 * 3600, payload.GetProperty("exp").GetInt64() - issuedAt);
    }

    [Theory]
    [InlineData("90m", 5400)]
    [InlineData("30d", 2_592_000)]
    [InlineData("45s", 45)]
    [InlineData("366d", 31_622_400)]
    public void The_lifetime_option_sets_exp_after_iat(string lifetime, long seconds)
    {
        using var directory = new TempDirectory();

        var payload = Payload(CliRun.Invoke("token", "--subject", "ops", "--scope", "telemetry.write", "--scope", "setpoints.read", "--district", "*",
            "--lifetime", lifetime, "--key-file", KeyFile(directory, Key)), Key);

        Assert.Equal(seconds, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal("telemetry.write setpoints.read", payload.GetProperty("scope").GetString());
        Assert.Equal("*", Assert.Single(payload.GetProperty("districts").EnumerateArray().ToArray()).GetString());
    }

    [Fact]
    public void The_key_comes_from_the_environment_when_no_key_file_is_given_and_without_one_it_is_exit_2()
    {
        var saved = Environment.GetEnvironmentVariable(KeyVariable);
        try
        {
            Environment.SetEnvironmentVariable(KeyVariable, Key);
            var payload = Payload(CliRun.Invoke("token", "--subject", "ops", "--scope", "status.read", "--district", "north"), Key);
            Environment.SetEnvironmentVariable(KeyVariable, null);
            var none = CliRun.Invoke("token", "--subject", "ops", "--scope", "status.read", "--district", "north");

            Assert.Equal("ops", payload.GetProperty("sub").GetString());
            Assert.Equal(2, none.ExitCode);
            Assert.Empty(none.Stdout);
            Assert.Contains("Sems:Auth:SigningKey", none.Stderr, StringComparison.Ordinal);
            Assert.Contains(KeyVariable, none.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KeyVariable, saved);
        }
    }

    [Theory]
    [InlineData("--scope", "status.read limits.read", "--scope: \"limits.read\" is not a scope")]
    [InlineData("--district", "north east", "--district: \"north east\" is not a district name")]
    [InlineData("--district", "-north", "--district: \"-north\" is not a district name")]
    [InlineData("--lifetime", "367d", "--lifetime: 367d is out of range")]
    [InlineData("--lifetime", "0h", "--lifetime: 0h is out of range")]
    [InlineData("--lifetime", "8 hours", "--lifetime: \"8 hours\" is not a duration")]
    public void An_invalid_option_is_exit_2_naming_the_option_and_the_value(string option, string value, string expected)
    {
        using var directory = new TempDirectory();
        var args = new Dictionary<string, string> { ["--subject"] = "ops", ["--scope"] = "status.read", ["--district"] = "north", ["--key-file"] = KeyFile(directory, Key) };
        args[option] = value;

        var run = CliRun.Invoke(["token", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_option_is_exit_2_naming_it()
    {
        var run = CliRun.Invoke("token", "--subject", "ops", "--district", "north");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("--scope", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_that_cannot_be_read_is_exit_3_naming_the_option_and_the_path()
    {
        using var directory = new TempDirectory();
        var path = directory.File("absent.key");

        var run = CliRun.Invoke("token", "--subject", "ops", "--scope", "status.read", "--district", "north", "--key-file", path);

        Assert.Equal(3, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"--key-file \"{path}\" cannot be read", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_key_in_the_key_file_is_exit_2_without_echoing_the_key()
    {
        using var directory = new TempDirectory();
        var shortKey = Convert.ToBase64String([.. Enumerable.Range(0, 20).Select(i => (byte)(i + 65))]);

        var run = CliRun.Invoke("token", "--subject", "ops", "--scope", "status.read", "--district", "north", "--key-file", KeyFile(directory, shortKey));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("is too short: it decodes to 20 bytes", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void New_key_prints_only_the_base64_of_32_fresh_random_bytes()
    {
        var first = CliRun.Invoke("token", "--new-key");
        var second = CliRun.Invoke("token", "--new-key");

        Assert.Equal(0, first.ExitCode);
        Assert.Empty(first.Stderr);
        var key = Convert.FromBase64String(first.Stdout.Trim());
        Assert.Equal(32, key.Length);
        Assert.Equal(first.Stdout.Trim() + Environment.NewLine, first.Stdout);
        Assert.NotEqual(first.Stdout, second.Stdout);
    }

    [Fact]
    public void A_new_key_is_accepted_by_the_token_command_through_a_key_file()
    {
        using var directory = new TempDirectory();
        var key = CliRun.Invoke("token", "--new-key").Stdout;

        var payload = Payload(CliRun.Invoke("token", "--subject", "ops", "--scope", "districts.admin", "--district", "north", "--key-file", KeyFile(directory, key)), key.Trim());

        Assert.Equal("districts.admin", payload.GetProperty("scope").GetString());
    }

    [Fact]
    public void New_key_with_token_options_is_exit_2()
    {
        var run = CliRun.Invoke("token", "--new-key", "--subject", "ops");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("--new-key", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--subject", run.Stderr, StringComparison.Ordinal);
    }
}
