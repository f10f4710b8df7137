using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems coordinate --json</c> names the district by the file's <c>name</c> (its id, not its title), and every line is indented by two spaces
/// per level of nesting, the subsystems' nested result objects included.
/// </summary>
public sealed class CoordinationJsonLayoutTests
{
    private static readonly Lazy<CliRun> Run = new(() => CliRun.Invoke("coordinate", ExampleFile.PathOf("two-subsystems-limit.json"), "--json"));

    [Fact]
    public void The_district_is_named_as_in_its_file()
    {
        Assert.Equal(0, Run.Value.ExitCode);
        var expected = ExampleFile.Load("two-subsystems-limit.json").GetProperty("name").GetString();
        using var document = JsonDocument.Parse(Run.Value.Stdout);

        Assert.Equal("two-subsystems", expected);
        Assert.Equal(expected, document.RootElement.GetProperty("district").GetString());
    }

    [Fact]
    public void Every_line_is_indented_by_its_nesting_depth()
    {
        Assert.Equal(0, Run.Value.ExitCode);
        var lines = Run.Value.Stdout.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.True(lines.Count > 50, "expected an indented, multi-line object");

        var depth = 0;
        var deepest = 0;
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            var content = line.TrimStart(' ');
            var expected = content.Length > 0 && content[0] is '}' or ']' ? depth - 1 : depth;
            Assert.True(line.Length - content.Length == 2 * expected, $"line {n + 1} is indented {line.Length - content.Length} spaces, nesting depth {expected}: {line}");
            depth += Nesting(content);
            deepest = Math.Max(deepest, depth);
        }

        Assert.Equal(0, depth);
        // root → subsystems[] → subsystem → result → draw → electricity[]: six levels at least.
        Assert.True(deepest >= 6, $"deepest nesting {deepest}");
    }

    /// <summary>Opened minus closed brackets on a line, outside strings.</summary>
    private static int Nesting(string line)
    {
        var change = 0;
        var inString = false;
        for (var k = 0; k < line.Length; k++)
        {
            var c = line[k];
            if (inString)
            {
                if (c == '\\') k++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is '{' or '[') change++;
            else if (c is '}' or ']') change--;
        }

        return change;
    }
}
