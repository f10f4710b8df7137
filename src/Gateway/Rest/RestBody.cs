using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Sems.Contracts.Limits;
using Sems.Gateway.Api;

namespace Sems.Gateway.Rest;

/// <summary>
/// Reads a request body up to a limit: a district file up to <see cref="MaxDistrictBytes"/> (64 MiB), every other body
/// up to <see cref="MaxBytes"/> (4 MiB). A larger body, announced by its Content-Length or found while reading, is
/// refused with 413 (RESOURCE_EXHAUSTED) before anything is parsed.
/// </summary>
internal static class RestBody
{
    /// <summary>The largest body of every route but PUT district: 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The largest district file: 64 MiB, what PutDistrict takes over gRPC.</summary>
    public const int MaxDistrictBytes = DistrictOperations.MaxFileBytes;

    public static async Task<byte[]> Read(HttpContext http, int limit)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength is { } announced && announced > limit) throw TooLarge(announced, limit);
        // Kestrel's own limit (30 MB by default) would cut a district file short; this route's limit applies instead.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;

        using var buffer = new MemoryStream(http.Request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) throw TooLarge(null, limit);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel counted past the limit first (a chunked body)
            throw TooLarge(null, limit);
        }

        return buffer.ToArray();
    }

    private static ApiException TooLarge(long? announced, int limit)
    {
        var size = announced is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes") : "the body";
        var description = string.Create(CultureInfo.InvariantCulture, $"{size} is more than the {limit} bytes ({limit / (1024 * 1024)} MiB) this route takes");
        return new ApiException(StatusCode.ResourceExhausted, $"body: {description}", [new LimitViolation("body", description)]);
    }
}
