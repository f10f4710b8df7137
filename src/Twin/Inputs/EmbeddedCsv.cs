using System.Globalization;
using System.Reflection;

namespace Sems.Twin;

/// <summary>Reads the hourly CSV files embedded from <c>Data/</c> (see <c>Data/README.md</c>).</summary>
internal static class EmbeddedCsv
{
    /// <summary>Timestamp format of the archive's <c>datetime</c> column (UTC, see <c>Data/README.md</c>).</summary>
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>
    /// Reads the named numeric columns of an embedded CSV, checking that the rows are consecutive UTC hours.
    /// Returns the first timestamp and one array per requested column.
    /// </summary>
    public static (DateTimeOffset FirstTimestamp, double[][] Columns) ReadHourly(string fileName, params string[] columns)
    {
        using var reader = Open(fileName);

        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{fileName}: empty file.")).Split(',');
        var indices = columns.Select(c => Array.IndexOf(header, c)).ToArray();
        for (var k = 0; k < columns.Length; k++)
        {
            if (indices[k] < 0)
            {
                throw new InvalidDataException($"{fileName}: column '{columns[k]}' not found in header '{string.Join(',', header)}'.");
            }
        }

        var data = columns.Select(_ => new List<double>(8760)).ToArray();
        DateTimeOffset? first = null;
        var expected = default(DateTimeOffset);
        foreach (var (lineNumber, line) in DataLines(reader))
        {
            var fields = line.Split(',');
            var time = new DateTimeOffset(DateTime.ParseExact(fields[0], TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None), TimeSpan.Zero);
            if (first is null)
            {
                first = time;
            }
            else if (time != expected)
            {
                throw new InvalidDataException($"{fileName} line {lineNumber}: expected timestamp {expected:yyyy-MM-dd HH:mm:ss}, found {fields[0]}.");
            }

            expected = time.AddHours(1);
            for (var k = 0; k < columns.Length; k++)
            {
                data[k].Add(double.Parse(fields[indices[k]], NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        if (first is null)
        {
            throw new InvalidDataException($"{fileName}: no data rows.");
        }

        return (first.Value, data.Select(d => d.ToArray()).ToArray());
    }

    /// <summary>
    /// Reads an embedded two-column CSV of named values (header, then <c>name,value</c> rows) into a dictionary; a
    /// name given twice or a value that is not a finite number is an error naming the line.
    /// </summary>
    public static IReadOnlyDictionary<string, double> ReadNamedValues(string fileName)
    {
        using var reader = Open(fileName);
        _ = reader.ReadLine() ?? throw new InvalidDataException($"{fileName}: empty file.");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (lineNumber, line) in DataLines(reader))
        {
            var fields = line.Split(',');
            if (fields.Length != 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new InvalidDataException($"{fileName} line {lineNumber}: expected 'name,number', found '{line}'.");
            }

            if (!values.TryAdd(fields[0], value))
            {
                throw new InvalidDataException($"{fileName} line {lineNumber}: '{fields[0]}' is given twice.");
            }
        }

        return values;
    }

    /// <summary>
    /// The rows after the header that <paramref name="reader"/> has not read yet, each with its 1-based line number in
    /// the file (the header is line 1); empty lines are skipped but counted.
    /// </summary>
    private static IEnumerable<(int LineNumber, string Line)> DataLines(TextReader reader)
    {
        string? line;
        var lineNumber = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length > 0)
            {
                yield return (lineNumber, line);
            }
        }
    }

    private static StreamReader Open(string fileName)
    {
        var assembly = typeof(EmbeddedCsv).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded data file '{fileName}' is missing from {assembly.GetName().Name}.");
        var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded data file '{fileName}' could not be opened.");
        return new StreamReader(stream);
    }
}
