using System.Buffers;
using System.Text.Unicode;

namespace Sems.Forecasting;

/// <summary>Decodes the bytes of a CSV file as strict UTF-8 (an optional UTF-8 byte-order mark is dropped).</summary>
public static class Utf8CsvText
{
    /// <summary>
    /// The text of <paramref name="bytes"/>, or null with <paramref name="problem"/> naming the line and byte offset
    /// of the first invalid UTF-8 sequence, or saying that the file is UTF-16 (it starts with a UTF-16 byte-order mark).
    /// Invalid bytes are never replaced by U+FFFD.
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? problem)
    {
        problem = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            problem = "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8";
            return null;
        }

        var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var all = bytes;
        bytes = bytes[bom..];

        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var offset = bom + read;
        var before = all[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        problem = $"line {line}: byte 0x{all[offset]:X2} at byte offset {offset} of the file (counting from 0; byte {offset - lineStart + 1} of the line) is not valid UTF-8; save the file as UTF-8";
        return null;
    }
}
