using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sems.Gateway.Tests.Auth;

/// <summary>
/// A second reading of compact JWTs, written from RFC 7515/7519 without IdentityModel: base64url decoding of the
/// header and payload, and the HS256 signature recomputed with <see cref="HMACSHA256"/>.
/// </summary>
internal static class Jwt
{
    /// <summary>A fixed 32-byte key (bytes 1…32) as base64.</summary>
    public static readonly string Key = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    /// <summary>Another 32-byte key (bytes 101…132) as base64.</summary>
    public static readonly string OtherKey = Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);

    public static JsonElement Header(string token) => Part(token, 0);

    public static JsonElement Payload(string token) => Part(token, 1);

    /// <summary>Whether the token's third part is the HMAC-SHA256 of its first two under <paramref name="base64Key"/>.</summary>
    public static bool SignatureHolds(string token, string base64Key)
    {
        var parts = token.Split('.');
        var mac = HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        return Base64UrlDecode(parts[2]).AsSpan().SequenceEqual(mac);
    }

    public static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    private static JsonElement Part(string token, int index)
    {
        using var document = JsonDocument.Parse(Base64UrlDecode(token.Split('.')[index]));
        return document.RootElement.Clone();
    }
}
