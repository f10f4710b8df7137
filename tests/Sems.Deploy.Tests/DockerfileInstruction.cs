namespace Sems.Deploy.Tests;

/// <summary>One instruction of a Dockerfile, its continuation lines joined.</summary>
/// <param name="Keyword">The instruction in upper case (FROM, COPY, RUN, ...).</param>
/// <param name="Flags">Its leading --flags, e.g. "--from" → "build".</param>
/// <param name="Arguments">What follows the keyword and the flags.</param>
/// <param name="Stage">The index of the build stage it belongs to (-1 before the first FROM).</param>
internal sealed record DockerfileInstruction(string Keyword, IReadOnlyDictionary<string, string> Flags, string Arguments, int Stage)
{
    /// <summary>Reads a Dockerfile: comments dropped, lines ending in a backslash joined, global ARG defaults substituted in FROM.</summary>
    public static IReadOnlyList<DockerfileInstruction> Parse(string path)
    {
        var instructions = new List<DockerfileInstruction>();
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var text = (pending + line).Trim();
            pending = "";
            if (text.Length == 0) continue;
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : text[(space + 1)..].Trim();
            var flags = new Dictionary<string, string>(StringComparer.Ordinal);
            while (rest.StartsWith("--", StringComparison.Ordinal))
            {
                var end = rest.IndexOf(' ', StringComparison.Ordinal);
                var flag = end < 0 ? rest : rest[..end];
                var equals = flag.IndexOf('=', StringComparison.Ordinal);
                flags[equals < 0 ? flag[2..] : flag[2..equals]] = equals < 0 ? "" : flag[(equals + 1)..];
                rest = end < 0 ? "" : rest[(end + 1)..].Trim();
            }

            if (keyword == "FROM")
            {
                stage++;
                foreach (var (name, value) in arguments) rest = rest.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
            }

            if (keyword == "ARG" && stage < 0 && rest.IndexOf('=', StringComparison.Ordinal) is var at and > 0) arguments[rest[..at]] = rest[(at + 1)..];
            instructions.Add(new DockerfileInstruction(keyword, flags, rest, stage));
        }

        return instructions;
    }

    /// <summary>The arguments split on spaces.</summary>
    public IReadOnlyList<string> Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
