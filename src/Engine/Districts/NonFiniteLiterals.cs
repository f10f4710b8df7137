using System.Text;

namespace Sems.Engine.Districts;

/// <summary>
/// JSON has no NaN or Infinity, but many writers (Python's json, pandas) emit them as bare tokens. Rather than fail the
/// whole parse at a line and column, this rewrites such tokens outside strings into marked strings so the reader can
/// report each one at its JSON path, like any other bad value.
/// </summary>
internal static class NonFiniteLiterals
{
    private static readonly string[] Tokens = ["-Infinity", "+Infinity", "Infinity", "-NaN", "NaN"];

    public static string Mark(string json)
    {
        if (!json.Contains("NaN", StringComparison.Ordinal) && !json.Contains("Infinity", StringComparison.Ordinal)) return json;

        var output = new StringBuilder(json.Length + 16);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                output.Append(c);
                if (c == '\\' && i + 1 < json.Length) output.Append(json[++i]);
                else if (c == '"') inString = false;
                continue;
            }

            if (c == '"')
            {
                inString = true;
                output.Append(c);
                continue;
            }

            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(json, i, t, 0, t.Length) == 0);
            if (token is not null)
            {
                output.Append("\"\\u0001").Append(token).Append('"'); // JSON escape of JsonCursor.NonFiniteMarker
                i += token.Length - 1;
                continue;
            }

            output.Append(c);
        }

        return output.ToString();
    }
}
