using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Sems.Engine.Districts;

namespace Sems.Engine.Json;

/// <summary>
/// The one JSON policy for every file SEMS reads (districts, scenarios): valid UTF-8 only (a byte-order mark is
/// allowed, UTF-16/32 is refused with a hint), no duplicate keys, no lone surrogates in strings or keys, nesting at most
/// <see cref="MaxDepth"/> deep. Comments and trailing commas are tolerated; bare NaN/Infinity tokens become marked strings
/// so that readers report them at their path. Linear in the input; every message is bounded in length.
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 64;

    /// <summary>The longest excerpt of a value or message that a problem quotes.</summary>
    public const int MaxQuoted = 120;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks text already decoded (a lone surrogate in the string is refused) and parses it.</summary>
    public static StrictJsonResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            var (line, column) = LineAndColumn(text, e.Index);
            return Failed("$", $"line {line}, character {column}", $"holds a lone surrogate U+{(int)e.CharUnknown:X4}: the text is not valid Unicode");
        }

        return Parse(utf8);
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')) return false;
        }

        return true;
    }

    /// <summary>Checks the bytes of a file (strict UTF-8) and parses them.</summary>
    public static StrictJsonResult Parse(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (EncodingHint(span) is { } hint) return Failed("$", "the file", hint);
        if (span.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[3..];
        if (FirstInvalidUtf8(bytes.Span) is { } bad) return Failed("$", bad.Where, bad.Rule);
        if (IsBlank(bytes.Span)) return Failed("$", "the file", bytes.Length == 0 ? "is empty: a JSON document is needed" : "holds only white space: a JSON document is needed");

        var (marked, insertions) = NonFiniteLiterals.Mark(bytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(marked, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $"line {line + 1}, byte {NonFiniteLiterals.OriginalByte(insertions, line, e.BytePositionInLine ?? 0) + 1}"
                : "the document";
            return Failed("$", where, $"is not valid JSON: {Clip(e.Message.Split(" Path:")[0].Split(" LineNumber:")[0])}");
        }

        var problems = new List<ValidationProblem>();
        Check(document.RootElement, [], problems);
        if (problems.Count == 0) return new StrictJsonResult(document, []);
        document.Dispose();
        return new StrictJsonResult(null, problems);
    }

    /// <summary>At most <see cref="MaxQuoted"/> characters of a text, with an ellipsis when cut.</summary>
    public static string Clip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxQuoted) return text;
        var cut = char.IsHighSurrogate(text[MaxQuoted - 1]) ? MaxQuoted - 1 : MaxQuoted;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>A JSON path for error messages: <c>subsystems[0].supplies[1].id</c>.</summary>
    public static string PathOf(IEnumerable<object> segments)
    {
        var path = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index) path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else path.Append(path.Length == 0 ? "" : ".").Append(Clip((string)segment));
        }

        return path.Length == 0 ? "$" : path.ToString();
    }

    private static void Check(JsonElement element, List<object> path, List<ValidationProblem> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var position = 0;
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        problems.Add(new ValidationProblem(PathOf(path), $"the key at position {position}", "holds a lone surrogate (an unpaired \\uD800–\\uDFFF escape): keys must be valid Unicode"));
                        position++;
                        continue;
                    }

                    path.Add(name);
                    if (!seen.Add(name)) problems.Add(new ValidationProblem(PathOf(path), Describe(property.Value), "repeats a key given earlier in the same object: JSON keys must be unique"));
                    Check(property.Value, path, problems);
                    path.RemoveAt(path.Count - 1);
                    position++;
                }

                break;
            }

            case JsonValueKind.Array:
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    path.Add(index++);
                    Check(item, path, problems);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            }

            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    problems.Add(new ValidationProblem(PathOf(path), "a string", "holds a lone surrogate (an unpaired \\uD800–\\uDFFF escape): strings must be valid Unicode"));
                }

                break;
        }
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        _ => Clip(e.GetRawText()),
    };

    private static string? EncodingHint(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
            return "is UTF-32 (it starts with a UTF-32 byte-order mark): save it as UTF-8";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return "is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8";
        if (bytes.Length >= 2 && (bytes[0] == 0) != (bytes[1] == 0))
            return "looks like UTF-16 without a byte-order mark (every other byte is 0): save it as UTF-8";
        return null;
    }

    private static (string Where, string Rule)? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                var lineStart = bytes[..offset].LastIndexOf((byte)'\n') + 1;
                var line = bytes[..offset].Count((byte)'\n') + 1;
                return ($"line {line}, byte {offset - lineStart + 1}",
                    string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8 (byte 0x{bytes[offset]:X2} at file offset {offset}): save the file as UTF-8"));
            }

            offset += consumed;
        }

        return null;
    }

    private static (int Line, int Column) LineAndColumn(string text, int index)
    {
        var before = text.AsSpan(0, Math.Clamp(index, 0, text.Length));
        var lineStart = before.LastIndexOf('\n') + 1;
        return (before.Count('\n') + 1, index - lineStart + 1);
    }

    private static StrictJsonResult Failed(string path, string value, string rule) => new(null, [new ValidationProblem(path, value, rule)]);
}
