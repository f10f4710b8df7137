using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Sems.Gateway.Dashboard;

/// <summary>
/// The dashboard's page, script, style sheet and vendored charting library, embedded in the assembly from
/// <c>wwwroot/</c> (each file is listed in <c>DashboardAssets.resx</c>) so the gateway serves them with nothing on disk
/// and nothing fetched from elsewhere. Served with a strong ETag (SHA-256 of the bytes), <c>Cache-Control: no-cache</c>
/// (revalidated, so a new gateway's files are picked up) and a content security policy that allows this origin only.
/// </summary>
internal sealed class DashboardAssets
{
    /// <summary>The manifest name of the embedded resource file.</summary>
    public const string ResourceName = "Sems.Gateway.Dashboard.DashboardAssets";

    /// <summary>Only this origin: scripts, styles, fetches and the event stream; no frames, no plug-ins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly FrozenDictionary<string, Asset> _assets;

    private DashboardAssets(FrozenDictionary<string, Asset> assets) => _assets = assets;

    /// <summary>The paths served (relative to <c>wwwroot/</c>, e.g. <c>lib/uPlot.iife.min.js</c>).</summary>
    public IReadOnlyCollection<string> Paths => _assets.Keys;

    public static DashboardAssets Load()
    {
        var manager = new ResourceManager(ResourceName, typeof(DashboardAssets).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)
            ?? throw new InvalidOperationException($"the dashboard's files ({ResourceName}) are not embedded in {typeof(DashboardAssets).Assembly.GetName().Name}");
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set)
        {
            if (entry is not { Key: string path, Value: byte[] bytes }) continue;
            assets[path] = new Asset(bytes, ContentType(path), $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        }

        return new DashboardAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The file at <paramref name="path"/> (304 when the browser's ETag matches), or 404 naming the path.</summary>
    public IResult Serve(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_assets.TryGetValue(path, out var asset))
            return Results.Problem(detail: $"\"{Api.Text.Cut(path)}\" is not a file of the dashboard", statusCode: StatusCodes.Status404NotFound, title: "NOT_FOUND");
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (context.Request.Headers.IfNoneMatch.Any(v => v == asset.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
