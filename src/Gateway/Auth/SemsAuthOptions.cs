using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Sems.Gateway.Auth;

/// <summary>
/// How the API checks bearer tokens (section "Sems:Auth"): the HMAC-SHA256 signing key (base64 of at least
/// <see cref="MinKeyBytes"/> bytes; environment variable SEMS_Sems__Auth__SigningKey), the issuer and audience every
/// token must name, the clock skew allowed on its lifetime, and the insecure development mode that accepts every call.
/// </summary>
public sealed class SemsAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sems:Auth";

    /// <summary>The full key of the signing key setting.</summary>
    public const string SigningKeySetting = Section + ":" + nameof(SigningKey);

    /// <summary>The environment variable that sets <see cref="SigningKeySetting"/>.</summary>
    public const string SigningKeyVariable = "SEMS_Sems__Auth__SigningKey";

    /// <summary>The fewest bytes a signing key may have: 256 bits, the size of an HMAC-SHA256 output.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The largest clock skew accepted: 5 minutes.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The base64 of the HMAC-SHA256 key, at least <see cref="MinKeyBytes"/> bytes; null when not configured.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The <c>iss</c> claim tokens carry and must carry.</summary>
    public string Issuer { get; set; } = "sems";

    /// <summary>The <c>aud</c> claim tokens carry and must carry.</summary>
    public string Audience { get; set; } = "sems";

    /// <summary>How far a token's <c>nbf</c> and <c>exp</c> may be off the gateway's clock, from 0 to 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether every call is accepted as the development principal (all scopes, all districts; loopback only). Set from
    /// --insecure-dev; configured alone it is refused, so credentials are never turned off by a stray setting.
    /// </summary>
    public bool InsecureDev { get; set; }

    /// <summary>The options of the "Sems:Auth" section of <paramref name="configuration"/>, defaults where a setting is absent.</summary>
    public static SemsAuthOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(Section).Get<SemsAuthOptions>() ?? new SemsAuthOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the value it could not convert (e.g. ClockSkew "soon"); a key is a string and is never in it.
            throw new InvalidOperationException($"{Section}: a setting is not valid: {e.Message}", e);
        }
    }

    /// <summary>Every problem of the settings other than the key, each naming the setting and its value; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Issuer)) problems.Add($"{Section}:{nameof(Issuer)} is empty; give the issuer tokens name (default \"sems\")");
        if (string.IsNullOrWhiteSpace(Audience)) problems.Add($"{Section}:{nameof(Audience)} is empty; give the audience tokens name (default \"sems\")");
        if (ClockSkew < TimeSpan.Zero || ClockSkew > MaxClockSkew)
            problems.Add($"{Section}:{nameof(ClockSkew)} is {ClockSkew.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; it must be from 0 to {MaxClockSkew.TotalSeconds:0} s");
        return problems;
    }

    /// <summary>
    /// The signing key's bytes. Throws <see cref="InvalidOperationException"/> naming <see cref="SigningKeySetting"/>
    /// when it is not set, not base64 or too short, and when another setting is not valid; the key itself is never in the message.
    /// </summary>
    public byte[] KeyBytes()
    {
        if (Problems() is { Count: > 0 } problems) throw new InvalidOperationException(string.Join("; ", problems));
        if (string.IsNullOrWhiteSpace(SigningKey))
            throw new InvalidOperationException($"{SigningKeySetting} is not set; give one (e.g. {SigningKeyVariable}, from \"sems token --new-key\") or start with --insecure-dev");
        if (DecodeKey(SigningKey, out var problem) is not { } key) throw new InvalidOperationException($"{SigningKeySetting} {problem}");
        return key;
    }

    /// <summary>The signing key as the key of HMAC-SHA256 signatures (see <see cref="KeyBytes"/> for its errors).</summary>
    public SymmetricSecurityKey SecurityKey() => new(KeyBytes());

    /// <summary>
    /// The bytes of a base64 key of at least <see cref="MinKeyBytes"/> bytes (surrounding white space ignored), or null
    /// with the problem: what is wrong and a description of the value that never repeats it (its length).
    /// </summary>
    public static byte[]? DecodeKey(string? text, out string? problem)
    {
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = "is empty; it must be the base64 of at least 32 random bytes (e.g. from \"sems token --new-key\")";
            return null;
        }

        var buffer = new byte[trimmed.Length];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var written))
        {
            problem = $"is not base64 (a value of {trimmed.Length} characters); it must be the base64 of at least {MinKeyBytes} random bytes (e.g. from \"sems token --new-key\")";
            return null;
        }

        if (written < MinKeyBytes)
        {
            problem = $"is too short: it decodes to {written} bytes; HMAC-SHA256 needs at least {MinKeyBytes} bytes (256 bits), e.g. from \"sems token --new-key\"";
            return null;
        }

        return buffer[..written];
    }
}
