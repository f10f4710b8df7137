using System.Buffers;

namespace Sems.Engine.Json;

/// <summary>
/// JSON has no NaN or Infinity, but many writers (Python's json, pandas) emit them as bare tokens. Rather than fail the
/// whole parse at a line and column, this rewrites such tokens outside strings and comments into marked strings so the
/// reader can report each one at its JSON path, like any other bad value. One pass over the bytes: linear in the input.
/// </summary>
internal static class NonFiniteLiterals
{
    private static readonly byte[][] Tokens = ["-Infinity"u8.ToArray(), "+Infinity"u8.ToArray(), "Infinity"u8.ToArray(), "-NaN"u8.ToArray(), "NaN"u8.ToArray()];

    /// <summary>What a token becomes: a quote, the JSON escape of <see cref="JsonCursor.NonFiniteMarker"/>, the token, a quote.</summary>
    private static readonly byte[] Opening = "\"\\u0001"u8.ToArray();

    /// <summary>Bytes a rewritten token adds: a quote, the six-character escape and a closing quote.</summary>
    public const int Growth = 8;

    /// <summary>The rewritten UTF-8 text, and where (line, byte offset in the rewritten line) each token grew by <see cref="Growth"/> bytes.</summary>
    public static (ReadOnlyMemory<byte> Json, IReadOnlyList<(long Line, long Byte)> Insertions) Mark(ReadOnlyMemory<byte> utf8)
    {
        var json = utf8.Span;
        if (json.IndexOf("NaN"u8) < 0 && json.IndexOf("Infinity"u8) < 0) return (utf8, []);

        var output = new ArrayBufferWriter<byte>(json.Length + 64);
        var insertions = new List<(long, long)>();
        long line = 0;
        long lineStart = 0; // offset in output where the current line starts
        var copyFrom = 0;   // bytes of json[copyFrom..i) are still to be copied
        void Flush(ReadOnlySpan<byte> source, int upTo)
        {
            output.Write(source[copyFrom..upTo]);
            copyFrom = upTo;
        }

        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            switch (c)
            {
                case (byte)'"':
                {
                    var end = i + 1;
                    while (end < json.Length && json[end] != '"')
                    {
                        if (json[end] == '\n') (line, lineStart) = (line + 1, output.WrittenCount + (end - copyFrom) + 1);
                        end += json[end] == '\\' ? 2 : 1;
                    }

                    i = Math.Min(end, json.Length - 1);
                    continue;
                }

                case (byte)'/' when i + 1 < json.Length && json[i + 1] is (byte)'/' or (byte)'*':
                {
                    var block = json[i + 1] == '*';
                    var rest = json[(i + 2)..];
                    var found = block ? rest.IndexOf("*/"u8) : rest.IndexOf((byte)'\n');
                    var end = found < 0 ? json.Length - 1 : block ? i + 2 + found + 1 : i + 2 + found - 1;
                    for (var k = i; k <= end; k++)
                    {
                        if (json[k] == '\n') (line, lineStart) = (line + 1, output.WrittenCount + (k - copyFrom) + 1);
                    }

                    i = end;
                    continue;
                }

                case (byte)'\n':
                    (line, lineStart) = (line + 1, output.WrittenCount + (i - copyFrom) + 1);
                    continue;

                case (byte)'N' or (byte)'I' or (byte)'-' or (byte)'+':
                    foreach (var token in Tokens)
                    {
                        if (!json[i..].StartsWith(token)) continue;
                        Flush(json, i);
                        insertions.Add((line, output.WrittenCount - lineStart));
                        output.Write(Opening);
                        output.Write(token);
                        output.Write("\""u8);
                        copyFrom = i + token.Length;
                        i += token.Length - 1;
                        break;
                    }

                    continue;
            }
        }

        Flush(json, json.Length);
        return (output.WrittenMemory, insertions);
    }

    /// <summary>Maps a byte position in a rewritten line back to the original text.</summary>
    public static long OriginalByte(IReadOnlyList<(long Line, long Byte)> insertions, long line, long bytePosition) =>
        bytePosition - Growth * insertions.Count(x => x.Line == line && x.Byte < bytePosition);
}
