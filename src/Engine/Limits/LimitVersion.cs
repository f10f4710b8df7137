using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sems.Engine.Limits;

/// <summary>One accepted limit request with its version number (monotonic per district), who set it and when, and
/// when it was cancelled (null while it is not).</summary>
/// <param name="Version">Unique and increasing per district: a higher version is newer.</param>
/// <param name="SetBy">The principal that set it.</param>
/// <param name="CancelledAt">From this instant on the version no longer applies (its fallback does); null if never cancelled.</param>
public sealed record LimitVersion(long Version, LimitRequest Request, string SetBy, DateTimeOffset SetAt, DateTimeOffset? CancelledAt)
{
    /// <summary>The request's start.</summary>
    public DateTimeOffset Start => Request.Start;

    /// <summary>Start + n·Resolution, in UTC: the end of its last interval.</summary>
    public DateTimeOffset End => Request.End;

    /// <summary>
    /// A stable short hash (16 lowercase hex digits, the first 8 bytes of a SHA-256) of the version number, every field
    /// of the request, <see cref="SetBy"/>, <see cref="SetAt"/> and <see cref="CancelledAt"/>. The same content gives
    /// the same etag on every machine and run; a cancel changes it.
    /// </summary>
    public string Etag
    {
        get
        {
            var text = new StringBuilder("sems.limit.v1");
            Field(text, Version.ToString(CultureInfo.InvariantCulture));
            Field(text, Request.Node);
            Field(text, Request.Resource);
            Field(text, Instant(Request.Start));
            Field(text, Request.Resolution.Ticks.ToString(CultureInfo.InvariantCulture));
            Field(text, Values(Request.ImportMaxKw));
            Field(text, Request.ExportMaxKw is { Count: > 0 } export ? Values(export) : null);
            Field(text, Request.FallbackImportMaxKw is { } fallback ? Number(fallback) : null);
            Field(text, Request.Reason);
            Field(text, SetBy);
            Field(text, Instant(SetAt));
            Field(text, CancelledAt is { } cancelled ? Instant(cancelled) : null);
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString()));
            return Convert.ToHexStringLower(hash.AsSpan(0, 8));
        }
    }

    /// <summary>Appends a field as its length and its text with every non-ASCII character escaped, so that the
    /// canonical form is ASCII and no two different contents give the same text; null is written as <c>~</c>.</summary>
    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("|~");
            return;
        }

        text.Append('|').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':');
        foreach (var ch in value)
        {
            if (ch is >= ' ' and < '\u007f' && ch != '\\') text.Append(ch);
            else text.Append(CultureInfo.InvariantCulture, $"\\{(int)ch:x4}");
        }
    }

    private static string Instant(DateTimeOffset t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.UtcTicks}{(t.Offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs(t.Offset.Ticks)}");

    private static string? Values(IReadOnlyList<double>? values) =>
        values is null ? null : string.Join(",", values.Select(Number));

    private static string Number(double value) => (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture);
}
