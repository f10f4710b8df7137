using System.Text;
using System.Text.RegularExpressions;

namespace Sems.Deploy.Tests;

/// <summary>
/// The rules of a .dockerignore file as Docker applies them: each line a pattern (<c>*</c> within one path element,
/// <c>**</c> across elements, <c>?</c> one character), <c>!</c> re-including; the last pattern that matches a path or
/// one of its parent folders decides.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exception)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load(string path)
    {
        var rules = new List<(Regex, bool)>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var exception = line.StartsWith('!');
            var pattern = (exception ? line[1..] : line).Trim().Trim('/');
            rules.Add((new Regex("^" + Translate(pattern) + "$"), exception));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether the file or folder at <paramref name="relativePath"/> (from the context root, with '/') is left out of the context.</summary>
    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Trim('/').Split('/');
        var prefixes = Enumerable.Range(1, parts.Length).Select(n => string.Join('/', parts.Take(n))).ToList();
        var excluded = false;
        foreach (var (pattern, exception) in _rules)
        {
            if (prefixes.Any(pattern.IsMatch)) excluded = !exception;
        }

        return excluded;
    }

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("(.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (pattern[i] == '*')
            {
                regex.Append("[^/]*");
            }
            else if (pattern[i] == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(pattern[i].ToString()));
            }
        }

        return regex.ToString();
    }
}
