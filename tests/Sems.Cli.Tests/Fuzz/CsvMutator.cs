using System.Text;

namespace Sems.Cli.Tests.Fuzz;

/// <summary>
/// Seeded mutations of a CSV data file (a header line, then one comma-separated line per sample). The classes mirror
/// the JSON ones: a deleted cell, row or column; a cell of another type; extreme numbers; a repeated column; repeated
/// or reordered timestamps; bad encodings; truncation; 10,000 brackets or quotes; one long line; hostile column names.
/// </summary>
public static class CsvMutator
{
    public static readonly string[] Classes =
    [
        "delete-field", "type-swap", "extreme-number", "duplicate-key", "duplicate-id", "bad-encoding", "truncation",
        "deep-nesting", "long-line", "hostile-id", "extreme-time",
    ];

    private static readonly string[] OtherTypes = ["abc", "\"quoted\"", "[1]", "{}", "null", "true", "", "\"1,5\"", "1,5", "\"\"", "0x10", "1_000", " 12 ", "1.2.3"];

    private static readonly string[] ExtremeTimes =
    [
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1899-12-31T23:00:00Z", "2200-01-01T00:00:00Z", "2022-13-01T00:00:00Z",
        "2022-02-30T00:00:00Z", "2022-01-01T00:00:00+14:00", "2022-01-01T00:00:00-12:00", "2022-01-01T24:00:00Z", "2022-01-01T00:00:00.0000001Z",
        "2022-01-01", "1640995200", "", "2022-01-01T00:07:00Z",
    ];

    /// <summary>The case's mutated file and, for hostile-id, the column name to pass on the command line instead of <paramref name="column"/>.</summary>
    public static (FuzzInput Input, string? RenamedColumn) Mutate(string csv, Random random, string column)
    {
        var cls = FuzzValues.Pick(random, Classes);
        var lines = csv.TrimEnd('\n').Split('\n').Select(l => l.Split(',').ToList()).ToList();
        string? renamed = null;
        string Text() => string.Join("\n", lines.Select(l => string.Join(",", l))) + "\n";
        int Row() => 1 + random.Next(lines.Count - 1);
        int Col(int row) => random.Next(lines[row].Count);
        string name;
        switch (cls)
        {
            case "delete-field":
                switch (random.Next(4))
                {
                    case 0:
                        var r = Row();
                        var c = Col(r);
                        lines[r].RemoveAt(c);
                        name = $"delete-field line {r + 1} cell {c + 1}";
                        break;
                    case 1:
                        var h = Col(0);
                        lines[0].RemoveAt(h);
                        name = $"delete-field header column {h + 1}";
                        break;
                    case 2:
                        var col = Col(0);
                        foreach (var line in lines.Where(l => l.Count > col)) line.RemoveAt(col);
                        name = $"delete-field column {col + 1} everywhere";
                        break;
                    default:
                        var from = Row();
                        var count = Math.Min(1 + random.Next(200), lines.Count - from);
                        lines.RemoveRange(from, count);
                        name = $"delete-field lines {from + 1}..{from + count}";
                        break;
                }

                break;
            case "type-swap":
                {
                    var r = random.Next(10) == 0 ? 0 : Row();
                    var c = Col(r);
                    var value = FuzzValues.Pick(random, OtherTypes);
                    lines[r][c] = value;
                    name = $"type-swap line {r + 1} cell {c + 1} = {value}";
                    break;
                }

            case "extreme-number":
                {
                    var r = Row();
                    var c = 1 + random.Next(lines[r].Count - 1);
                    var value = FuzzValues.Pick(random, FuzzValues.ExtremeNumbers);
                    // Some cases repeat the value down the whole column.
                    var all = random.Next(4) == 0;
                    foreach (var line in all ? lines.Skip(1) : [lines[r]]) if (line.Count > c) line[c] = value;
                    name = $"extreme-number {(all ? "every line" : $"line {r + 1}")} cell {c + 1} = {value}";
                    break;
                }

            case "duplicate-key":
                {
                    var c = Col(0);
                    var repeated = random.Next(2) == 0 ? lines[0][c] : lines[0][c].ToUpperInvariant();
                    lines[0].Add(repeated);
                    foreach (var line in lines.Skip(1)) line.Add(line[c]);
                    name = $"duplicate-key header column {c + 1} repeated as {repeated}";
                    break;
                }

            case "duplicate-id":
                {
                    var r = Row();
                    if (random.Next(2) == 0)
                    {
                        var copy = lines[r].ToList();
                        if (copy.Count > 1) copy[^1] = "999";
                        lines.Insert(r + 1, copy);
                        name = $"duplicate-id time of line {r + 1} repeated with other values";
                    }
                    else
                    {
                        var s = Row();
                        (lines[r], lines[s]) = (lines[s], lines[r]);
                        name = $"duplicate-id lines {r + 1} and {s + 1} swapped (time goes back)";
                    }

                    break;
                }

            case "extreme-time":
                {
                    var r = Row();
                    var value = FuzzValues.Pick(random, ExtremeTimes);
                    lines[r][0] = value;
                    name = $"extreme-time line {r + 1} = {value}";
                    break;
                }

            case "deep-nesting":
                {
                    var r = Row();
                    var c = Col(r);
                    var (kind, value) = random.Next(3) switch
                    {
                        0 => ("10000 [", new string('[', 10_000)),
                        1 => ("10000 quotes", new string('"', 10_000)),
                        _ => ("an unclosed quote", "\"" + lines[r][c]),
                    };
                    lines[r][c] = value;
                    name = $"deep-nesting line {r + 1} cell {c + 1} = {kind}";
                    break;
                }

            case "long-line":
                switch (random.Next(4))
                {
                    case 0:
                        name = "long-line whole file on one line (CR only)";
                        return (new FuzzInput(name, Encoding.UTF8.GetBytes(Text().Replace('\n', '\r'))), null);
                    case 1:
                        name = "long-line whole file on one line (no line breaks)";
                        return (new FuzzInput(name, Encoding.UTF8.GetBytes(Text().Replace("\n", ",", StringComparison.Ordinal))), null);
                    case 2:
                        var r = Row();
                        var c = Col(r);
                        lines[r][c] = new string('9', 1 << 20);
                        name = $"long-line line {r + 1} cell {c + 1} = 1 MB of digits";
                        break;
                    default:
                        var row = Row();
                        lines[row].AddRange(Enumerable.Repeat("1", 100_000));
                        name = $"long-line line {row + 1} gains 100000 cells";
                        break;
                }

                break;
            case "hostile-id":
                {
                    var hostile = FuzzValues.Pick(random, FuzzValues.HostileIds);
                    var c = lines[0].FindIndex(h => h == column);
                    lines[0][c] = hostile.Contains(',', StringComparison.Ordinal) ? $"\"{hostile}\"" : hostile;
                    renamed = hostile;
                    name = $"hostile-id column {column} renamed {System.Text.Json.JsonSerializer.Serialize(hostile)}";
                    break;
                }

            case "bad-encoding":
                {
                    var (encoding, bytes) = ByteMutations.BadEncoding(Encoding.UTF8.GetBytes(Text()), random);
                    return (new FuzzInput($"bad-encoding {encoding}", bytes), null);
                }

            default:
                {
                    var (cut, bytes) = ByteMutations.Truncate(Encoding.UTF8.GetBytes(Text()), random);
                    return (new FuzzInput($"truncation {cut}", bytes), null);
                }
        }

        return (new FuzzInput(name, Encoding.UTF8.GetBytes(Text())), renamed);
    }
}
