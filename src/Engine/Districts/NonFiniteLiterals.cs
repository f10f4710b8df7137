using System.Text;

namespace Sems.Engine.Districts;

/// <summary>
/// JSON has no NaN or Infinity, but many writers (Python's json, pandas) emit them as bare tokens. Rather than fail the
/// whole parse at a line and column, this rewrites such tokens outside strings and comments into marked strings so the
/// reader can report each one at its JSON path, like any other bad value.
/// </summary>
internal static class NonFiniteLiterals
{
    private static readonly string[] Tokens = ["-Infinity", "+Infinity", "Infinity", "-NaN", "NaN"];

    /// <summary>The rewritten text, and where (line, byte offset in the rewritten line) each token grew by <see cref="Growth"/> bytes.</summary>
    public static (string Json, IReadOnlyList<(long Line, long Byte)> Insertions) Mark(string json)
    {
        if (!json.Contains("NaN", StringComparison.Ordinal) && !json.Contains("Infinity", StringComparison.Ordinal)) return (json, []);

        var output = new StringBuilder(json.Length + 16);
        var insertions = new List<(long, long)>();
        long line = 0;
        long lineStart = 0; // index in output where the current line starts
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '"')
            {
                var end = i + 1;
                while (end < json.Length && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
                end = Math.Min(end, json.Length - 1);
                output.Append(json, i, end - i + 1);
                i = end;
                continue;
            }

            if (c == '/' && i + 1 < json.Length && json[i + 1] is '/' or '*')
            {
                var block = json[i + 1] == '*';
                var end = block ? json.IndexOf("*/", i + 2, StringComparison.Ordinal) : json.IndexOf('\n', i + 2);
                end = end < 0 ? json.Length - 1 : block ? end + 1 : end - 1;
                for (var k = i; k <= end; k++)
                {
                    output.Append(json[k]);
                    if (json[k] == '\n') (line, lineStart) = (line + 1, output.Length);
                }

                i = end;
                continue;
            }

            if (c == '\n') (line, lineStart) = (line + 1, output.Length + 1);

            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(json, i, t, 0, t.Length) == 0);
            if (token is not null)
            {
                insertions.Add((line, Encoding.UTF8.GetByteCount(output.ToString((int)lineStart, output.Length - (int)lineStart))));
                output.Append("\"\\u0001").Append(token).Append('"'); // JSON escape of JsonCursor.NonFiniteMarker
                i += token.Length - 1;
                continue;
            }

            output.Append(c);
        }

        return (output.ToString(), insertions);
    }

    /// <summary>Bytes a rewritten token adds: a quote, the six-character escape and a closing quote.</summary>
    public const int Growth = 8;

    /// <summary>Maps a byte position in a rewritten line back to the original text.</summary>
    public static long OriginalByte(IReadOnlyList<(long Line, long Byte)> insertions, long line, long bytePosition) =>
        bytePosition - Growth * insertions.Count(x => x.Line == line && x.Byte < bytePosition);
}
