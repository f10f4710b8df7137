using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// In the table of <c>sems solve</c>, the objective block and the resource block are aligned: in every row of a block
/// the gaps between columns fall at the same character offsets, and numbers end at the same column (right-aligned).
/// </summary>
public sealed class ResultTableAlignmentTests
{
    [Theory]
    [InlineData(ExampleFile.HeatNetwork)]
    [InlineData(ExampleFile.EvPvHub)]
    [InlineData(ExampleFile.BoilerCommitment)]
    public void Every_row_of_each_block_has_its_columns_at_the_same_offsets(string example)
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(example));
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // Resource block: the header, then one row per resource of the draw (every cell one word, numbers right-aligned).
        var header = lines.FindIndex(l => l.TrimStart().StartsWith("resource ", StringComparison.Ordinal));
        Assert.True(header >= 0, "no resource header");
        var resourceRows = lines.Skip(header).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("store ", StringComparison.Ordinal)
            && !l.TrimStart().StartsWith("demand ", StringComparison.Ordinal)).ToList();
        Assert.True(resourceRows.Count >= 2, "no resource rows");
        var headerEnds = CellEnds(resourceRows[0]).Skip(1).ToList(); // the numeric columns end where their headings end
        Assert.Equal(3, headerEnds.Count);
        foreach (var row in resourceRows.Skip(1))
        {
            var ends = CellEnds(row);
            Assert.Equal(headerEnds, ends.Skip(1));
            Assert.Equal(2, row.Length - row.TrimStart().Length);
        }

        // Objective block: objective, its three terms, one total per factor; the number column ends at one offset.
        var objective = lines.FindIndex(l => l.TrimStart().StartsWith("objective J", StringComparison.Ordinal));
        var objectiveRows = lines.Skip(objective).Take(header - objective).ToList();
        Assert.True(objectiveRows.Count >= 5, $"objective block of {objectiveRows.Count} rows");
        var numberEnds = objectiveRows.Select(NumberEnd).Distinct().ToList();
        Assert.Single(numberEnds);
        var unitStarts = objectiveRows.Where(r => r.Length > numberEnds[0]).Select(r => r.Length - r[numberEnds[0]..].TrimStart().Length).Distinct().ToList();
        Assert.True(unitStarts.Count <= 1, $"units start at offsets {string.Join(", ", unitStarts)}");
    }

    /// <summary>The offsets just past each cell: cells are separated by two spaces or more.</summary>
    private static List<int> CellEnds(string row)
    {
        var ends = new List<int>();
        for (var k = 0; k < row.Length; k++)
        {
            if (row[k] != ' ' && (k + 1 == row.Length || (k + 2 < row.Length && row[k + 1] == ' ' && row[k + 2] == ' '))) ends.Add(k + 1);
        }

        return ends;
    }

    /// <summary>The offset just past the number in an objective row: labels are separated from it by two spaces or more.</summary>
    private static int NumberEnd(string row)
    {
        var gap = row.IndexOf("  ", 2, StringComparison.Ordinal);
        while (gap >= 0 && row[gap..].TrimStart().Length > 0 && !char.IsDigit(row[gap..].TrimStart()[0]) && row[gap..].TrimStart()[0] != '-')
            gap = row.IndexOf("  ", gap + row[gap..].Length - row[gap..].TrimStart().Length, StringComparison.Ordinal);
        Assert.True(gap >= 0, $"no number in '{row}'");
        var start = gap + row[gap..].Length - row[gap..].TrimStart().Length;
        var end = row.IndexOf(' ', start);
        return end < 0 ? row.Length : end;
    }
}
