using System.Globalization;
using System.Text;

namespace Sems.Forecasting;

/// <summary>
/// Reads an hourly or sub-hourly time series from CSV text (no I/O: the caller reads the file) into a
/// <see cref="TimeSeriesData"/>, reporting what it repaired and rejecting what it cannot read.
/// </summary>
/// <remarks>
/// <para>
/// Format: comma-separated, a header line naming the columns (matched without regard to case or surrounding spaces),
/// fields optionally in double quotes. Times are ISO 8601 (<c>2022-01-01T00:00:00Z</c>,
/// <c>2022-01-01T00:00:00+01:00</c>, with or without seconds and fractions) or <c>yyyy-MM-dd HH:mm:ss</c>; a time
/// without an offset is UTC. Numbers use a dot as the decimal separator. An empty cell, or NaN, NA, N/A or null,
/// is a missing value. Blank lines are ignored.
/// </para>
/// <para>
/// The step is the most common difference between consecutive times and must be at most 1 h and divide a day.
/// Missing samples (timestamps absent from the file, or missing values) are filled by linear interpolation when at
/// most <see cref="MaxInterpolatedSteps"/> in a row lie between measured samples; otherwise every calendar day they
/// touch is skipped (its target samples become NaN) and a note names the days. For a target that is never negative,
/// a run of exact zeros longer than 24 h looks like a meter outage: the days it touches are skipped and reported.
/// </para>
/// <para>
/// The text is rejected, with every problem listed (up to <see cref="MaxListedProblems"/>), when a column is
/// missing or the header names a column twice, a time or number cannot be read, a time lies outside
/// [<see cref="EarliestTime"/>, <see cref="LatestTime"/>), times do not increase, a time is off the step grid, the
/// step is longer than 1 h or not a whole number of minutes, the grid from the first to the last time would hold
/// more than <see cref="MaxSamples"/> samples, the data span less than <see cref="MinimumDays"/> days, or fewer than
/// <see cref="MinimumDays"/> whole days remain after skipping. Values quoted in problems are cut to
/// <see cref="MessageText.MaxQuoted"/> characters.
/// </para>
/// </remarks>
public static class CsvSeriesReader
{
    /// <summary>Longest run of missing samples (steps) that is filled by linear interpolation.</summary>
    public const int MaxInterpolatedSteps = 3;

    /// <summary>Least span of data accepted, and least number of usable whole days, in days (3 weeks).</summary>
    public const int MinimumDays = 21;

    /// <summary>Problems listed before the rest are only counted.</summary>
    public const int MaxListedProblems = 50;

    /// <summary>Notes of one kind (e.g. interpolated gaps) listed before the rest are only counted.</summary>
    public const int MaxListedNotesPerKind = 20;

    /// <summary>Most samples of the regular grid (first to last time at the inferred step): about 1.9 years of 1-minute or 114 years of hourly data.</summary>
    public const int MaxSamples = 1_000_000;

    /// <summary>Earliest time accepted (1900-01-01T00:00Z); earlier times are refused, which keeps all date arithmetic in range.</summary>
    public static readonly DateTimeOffset EarliestTime = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>First time no longer accepted (2200-01-01T00:00Z).</summary>
    public static readonly DateTimeOffset LatestTime = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Longest step accepted (1 h).</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromHours(1);

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mmK",
    ];

    private static readonly string[] MissingTokens = ["", "nan", "na", "n/a", "null"];

    /// <summary>Reads <paramref name="csvText"/> with the England and Wales holiday calendar.</summary>
    /// <param name="csvText">The whole CSV file as text.</param>
    /// <param name="timeColumn">Header of the timestamp column.</param>
    /// <param name="targetColumn">Header of the column to forecast.</param>
    /// <param name="featureColumns">Headers of feature columns (e.g. temperature), stored under these names.</param>
    public static CsvReadResult Read(string csvText, string timeColumn, string targetColumn, IReadOnlyList<string> featureColumns) =>
        Read(csvText, timeColumn, targetColumn, featureColumns, HolidayCalendar.EnglandAndWales);

    /// <summary>Reads <paramref name="csvText"/> with the given holiday calendar (see the class remarks for the rules).</summary>
    public static CsvReadResult Read(string csvText, string timeColumn, string targetColumn, IReadOnlyList<string> featureColumns, HolidayCalendar holidays)
    {
        // Validation, then parsing, then the grid: each stage returns early with its problems so that later messages
        // do not repeat earlier ones.
        ArgumentNullException.ThrowIfNull(csvText);
        ArgumentNullException.ThrowIfNull(timeColumn);
        ArgumentNullException.ThrowIfNull(targetColumn);
        ArgumentNullException.ThrowIfNull(featureColumns);
        ArgumentNullException.ThrowIfNull(holidays);
        var problems = new ProblemList();
        var notes = new List<string>();

        var lines = csvText.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (lines.Length > 0)
        {
            lines[0] = lines[0].TrimStart('\uFEFF');
        }

        var headerLine = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerLine < 0)
        {
            problems.Add("The text is empty: expected a header line and data lines.");
            return problems.Result(notes);
        }

        var header = SplitFields(lines[headerLine]).Select(h => h.Trim()).ToArray();
        foreach (var named in header.Select((name, index) => (name, index)).Where(h => h.name.Length > 0).GroupBy(h => h.name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var positions = named.Select(h => h.index + 1).ToList();
            problems.Add($"line {headerLine + 1}: the header names column '{MessageText.Shorten(named.Key)}' more than once, at positions {string.Join(" and ", positions)} (counting from 1); rename or drop one.");
        }

        int Column(string name, string role)
        {
            var index = Array.FindIndex(header, h => string.Equals(h, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                problems.Add($"line {headerLine + 1}: {role} column '{MessageText.Shorten(name)}' not found; the header has: {MessageText.Shorten(string.Join(", ", header.Select(h => $"'{h}'")))}.");
            }

            return index;
        }

        var timeIndex = Column(timeColumn, "time");
        var targetIndex = Column(targetColumn, "target");
        var featureIndices = featureColumns.Select(f => Column(f, "feature")).ToArray();
        var duplicates = featureColumns.Append(targetColumn).GroupBy(c => c.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var duplicate in duplicates)
        {
            problems.Add($"Column '{MessageText.Shorten(duplicate)}' is named more than once among the target and feature columns.");
        }

        if (problems.Any)
        {
            return problems.Result(notes);
        }

        var rows = ParseRows(lines, headerLine, timeColumn, targetColumn, featureColumns, timeIndex, targetIndex, featureIndices, problems);
        if (problems.Any)
        {
            return problems.Result(notes);
        }

        if (rows.Count < 2)
        {
            problems.Add($"The text has {rows.Count} data line(s); at least {MinimumDays} days of samples are needed.");
            return problems.Result(notes);
        }

        var step = InferStep(rows, timeColumn, problems, notes);
        if (problems.Any)
        {
            return problems.Result(notes);
        }

        var first = rows[0];
        var last = rows[^1];
        var span = last.Time - first.Time + step;
        if (span < TimeSpan.FromDays(MinimumDays))
        {
            problems.Add($"The data span {span.TotalDays:0.##} days (lines {first.Line}–{last.Line}, {Format(first.Time)} to {Format(last.Time)}); at least {MinimumDays} days (3 weeks) are needed.");
            return problems.Result(notes);
        }

        var offsets = rows.Select(r => r.Time.Offset).Distinct().ToList();
        if (offsets.Count > 1)
        {
            notes.Add($"Timestamps carry {offsets.Count} different UTC offsets ({string.Join(", ", offsets.Select(FormatOffset))}); they are read as instants and calendar days are taken in the first offset, {FormatOffset(first.Time.Offset)}.");
        }

        var samples = (last.Time - first.Time).Ticks / step.Ticks + 1;
        if (samples > MaxSamples)
        {
            var gap = Enumerable.Range(1, rows.Count - 1).MaxBy(r => rows[r].Time - rows[r - 1].Time);
            problems.Add($"line {rows[gap].Line}, column '{MessageText.Shorten(timeColumn)}': '{MessageText.Shorten(rows[gap].TimeText)}' lies {FormatStep(rows[gap].Time - rows[gap - 1].Time)} after line {rows[gap - 1].Line}; from the first to the last time the {FormatStep(step)} grid would hold {samples} samples, more than {MaxSamples}.");
            return problems.Result(notes);
        }

        var grid = new Grid(first.Time, step, (int)samples, featureColumns.Count, holidays);
        foreach (var row in rows)
        {
            var i = grid.IndexOf(row.Time);
            grid.Target[i] = row.Target;
            grid.SourceLine[i] = row.Line;
            for (var f = 0; f < featureColumns.Count; f++)
            {
                grid.Features[f][i] = row.Features[f];
            }
        }

        var skippedDays = new SortedDictionary<DateOnly, string>();
        RepairGaps(grid, grid.Target, $"target '{targetColumn}'", holdLongGaps: false, skippedDays, notes);
        for (var f = 0; f < featureColumns.Count; f++)
        {
            RepairGaps(grid, grid.Features[f], $"feature '{featureColumns[f]}'", holdLongGaps: true, skippedDays, notes);
        }

        FindOutages(grid, skippedDays, notes);
        foreach (var date in skippedDays.Keys)
        {
            var dayStart = grid.IndexOf(grid.StartOfDay(date));
            for (var i = Math.Max(0, dayStart); i < Math.Min(grid.Count, dayStart + grid.StepsPerDay); i++)
            {
                grid.Target[i] = double.NaN;
            }
        }

        if (skippedDays.Count > 0)
        {
            notes.Add($"{skippedDays.Count} day(s) skipped (their target samples are NaN and are neither learned from nor scored): {string.Join(", ", skippedDays.Keys.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}.");
        }

        var data = new TimeSeriesData(
            first.Time,
            step,
            grid.Target,
            featureColumns.Select((name, f) => (name, f)).ToDictionary(x => x.name.Trim(), x => grid.Features[x.f]),
            holidays);
        var usable = CountUsableDays(data);
        if (usable < MinimumDays)
        {
            problems.Add($"Only {usable} whole days remain usable after skipping gaps and outages; at least {MinimumDays} are needed.");
            return problems.Result(notes);
        }

        notes.Add($"{rows.Count} data lines read: {grid.Count} samples of {FormatStep(step)} from {Format(first.Time)} to {Format(last.Time)}, {usable} usable whole days.");
        return new CsvReadResult(data, [], notes);
    }

    private static List<Row> ParseRows(
        string[] lines,
        int headerLine,
        string timeColumn,
        string targetColumn,
        IReadOnlyList<string> featureColumns,
        int timeIndex,
        int targetIndex,
        int[] featureIndices,
        ProblemList problems)
    {
        var needed = Math.Max(timeIndex, Math.Max(targetIndex, featureIndices.DefaultIfEmpty(0).Max())) + 1;
        var rows = new List<Row>();
        for (var l = headerLine + 1; l < lines.Length; l++)
        {
            if (string.IsNullOrWhiteSpace(lines[l]))
            {
                continue;
            }

            var line = l + 1;
            var fields = SplitFields(lines[l]);
            if (fields.Count < needed)
            {
                problems.Add($"line {line}: {fields.Count} field(s), but the columns read need at least {needed}.");
                continue;
            }

            var timeText = fields[timeIndex].Trim();
            if (!TryParseTime(timeText, out var time))
            {
                problems.Add($"line {line}, column '{MessageText.Shorten(timeColumn)}': cannot read the time '{MessageText.Shorten(timeText)}' (expected ISO 8601, e.g. 2022-01-01T00:00:00Z, or yyyy-MM-dd HH:mm:ss).");
                continue;
            }

            if (time < EarliestTime || time >= LatestTime)
            {
                problems.Add($"line {line}, column '{MessageText.Shorten(timeColumn)}': the time '{MessageText.Shorten(timeText)}' is outside the accepted range {Format(EarliestTime)} (inclusive) to {Format(LatestTime)} (exclusive).");
                continue;
            }

            var ok = TryParseValue(fields[targetIndex], line, targetColumn, problems, out var target);
            var features = new double[featureIndices.Length];
            for (var f = 0; f < featureIndices.Length; f++)
            {
                ok &= TryParseValue(fields[featureIndices[f]], line, featureColumns[f], problems, out features[f]);
            }

            if (rows.Count > 0 && time <= rows[^1].Time)
            {
                problems.Add($"line {line}, column '{MessageText.Shorten(timeColumn)}': time {Format(time)} is not after {Format(rows[^1].Time)} on line {rows[^1].Line}; times must increase.");
                continue;
            }

            if (ok)
            {
                rows.Add(new Row(line, time, timeText, target, features));
            }
        }

        return rows;
    }

    private static TimeSpan InferStep(List<Row> rows, string timeColumn, ProblemList problems, List<string> notes)
    {
        var differences = new Dictionary<TimeSpan, int>();
        for (var r = 1; r < rows.Count; r++)
        {
            var d = rows[r].Time - rows[r - 1].Time;
            differences[d] = differences.GetValueOrDefault(d) + 1;
        }

        var (step, count) = differences.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).First();
        if (step > MaxStep)
        {
            problems.Add($"The most common time step is {FormatStep(step)} ({count} of {rows.Count - 1} differences); only hourly or finer data (step ≤ 1 h) can be forecast day-ahead here.");
            return step;
        }

        if (TimeSpan.TicksPerDay % step.Ticks != 0)
        {
            problems.Add($"The most common time step, {FormatStep(step)}, does not divide a day into whole steps.");
            return step;
        }

        if (step.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            var r = Enumerable.Range(1, rows.Count - 1).First(r => rows[r].Time - rows[r - 1].Time == step);
            problems.Add($"line {rows[r].Line}, column '{MessageText.Shorten(timeColumn)}': '{MessageText.Shorten(rows[r].TimeText)}' is {FormatStep(step)} after line {rows[r - 1].Line}, the most common step ({count} of {rows.Count - 1} differences); the step must be a whole number of minutes (1 min to 1 h).");
            return step;
        }

        notes.Add($"Step {FormatStep(step)} inferred ({count} of {rows.Count - 1} time differences).");
        if (rows[0].Time.TimeOfDay.Ticks % step.Ticks != 0)
        {
            problems.Add($"line {rows[0].Line}: the first time {Format(rows[0].Time)} is not a whole number of {FormatStep(step)} steps after midnight, so days would not start at a sample.");
        }

        for (var r = 1; r < rows.Count; r++)
        {
            var d = rows[r].Time - rows[r - 1].Time;
            if (d.Ticks % step.Ticks != 0)
            {
                problems.Add($"line {rows[r].Line}: time {Format(rows[r].Time)} is {FormatStep(d)} after line {rows[r - 1].Line}, not a whole number of {FormatStep(step)} steps.");
            }
        }

        return step;
    }

    /// <summary>
    /// Fills short runs of NaN by linear interpolation; longer runs (or runs at an edge) skip the days they touch and
    /// stay NaN, or, with <paramref name="holdLongGaps"/> (features, which must be finite), hold the nearest value.
    /// </summary>
    private static void RepairGaps(Grid grid, double[] series, string what, bool holdLongGaps, SortedDictionary<DateOnly, string> skippedDays, List<string> notes)
    {
        var filled = new List<string>();
        var skipped = new List<string>();
        var i = 0;
        while (i < series.Length)
        {
            if (!double.IsNaN(series[i]))
            {
                i++;
                continue;
            }

            var a = i;
            while (i < series.Length && double.IsNaN(series[i]))
            {
                i++;
            }

            var b = i - 1;
            var length = b - a + 1;
            var missingTimes = Enumerable.Range(a, length).Count(k => grid.SourceLine[k] == 0);
            var cause = missingTimes == length ? "missing timestamps"
                : missingTimes == 0 ? "missing values"
                : "missing timestamps and values";
            var where = $"{length} step(s) of {cause} from {Format(grid.TimeAt(a))}{(a > 0 ? $" (after line {grid.SourceLine[a - 1]})" : string.Empty)}";
            var interior = a > 0 && b < series.Length - 1;
            if (length <= MaxInterpolatedSteps && interior)
            {
                var left = series[a - 1];
                var right = series[b + 1];
                for (var k = a; k <= b; k++)
                {
                    series[k] = left + (right - left) * (k - a + 1) / (length + 1);
                }

                filled.Add(where);
                continue;
            }

            for (var k = a; k <= b && holdLongGaps; k++)
            {
                series[k] = a > 0 ? series[a - 1] : b < series.Length - 1 ? series[b + 1] : 0.0;
            }

            var days = DaysTouched(grid, a, b);
            foreach (var day in days)
            {
                skippedDays.TryAdd(day, where);
            }

            skipped.Add($"{where}: {(interior ? $"longer than {MaxInterpolatedSteps} steps" : "at the edge of the data")}, day(s) {string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))} skipped");
        }

        AddNotes(notes, filled, $"{what}: {filled.Count} short gap(s) filled by linear interpolation");
        AddNotes(notes, skipped, $"{what}: {skipped.Count} long gap(s)");
    }

    /// <summary>Reports runs of exact zeros longer than 24 h in a never-negative target as meter outages.</summary>
    private static void FindOutages(Grid grid, SortedDictionary<DateOnly, string> skippedDays, List<string> notes)
    {
        var target = grid.Target;
        if (target.Any(v => v < 0.0))
        {
            return;
        }

        var outages = new List<string>();
        var i = 0;
        while (i < target.Length)
        {
            if (target[i] != 0.0)
            {
                i++;
                continue;
            }

            var a = i;
            while (i < target.Length && target[i] == 0.0)
            {
                i++;
            }

            var b = i - 1;
            var duration = grid.Step * (b - a + 1);
            if (duration <= TimeSpan.FromDays(1))
            {
                continue;
            }

            var days = DaysTouched(grid, a, b);
            var lines = grid.SourceLine[a] > 0 && grid.SourceLine[b] > 0 ? $", lines {grid.SourceLine[a]}–{grid.SourceLine[b]}" : string.Empty;
            var what = $"zeros for {duration.TotalHours:0.##} h from {Format(grid.TimeAt(a))} to {Format(grid.TimeAt(b))}{lines}";
            foreach (var day in days)
            {
                skippedDays.TryAdd(day, what);
            }

            outages.Add($"{what}: look like a meter outage, day(s) {string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))} skipped");
        }

        AddNotes(notes, outages, $"{outages.Count} run(s) of zeros longer than 24 h in a never-negative target");
    }

    private static void AddNotes(List<string> notes, List<string> items, string heading)
    {
        if (items.Count == 0)
        {
            return;
        }

        var listed = items.Take(MaxListedNotesPerKind).ToList();
        var more = items.Count > listed.Count ? $"; and {items.Count - listed.Count} more" : string.Empty;
        notes.Add($"{heading}: {string.Join("; ", listed)}{more}.");
    }

    private static List<DateOnly> DaysTouched(Grid grid, int a, int b)
    {
        var days = new List<DateOnly>();
        for (var day = grid.DateAt(a); day <= grid.DateAt(b); day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    private static int CountUsableDays(TimeSeriesData data)
    {
        var first = DailyCalendar.FirstDayStart(data);
        var usable = 0;
        for (var d = 0; d < DailyCalendar.WholeDays(data, data.Count); d++)
        {
            if (!double.IsNaN(DailyCalendar.Mean(data.Values, first + d * data.StepsPerDay, data.StepsPerDay)))
            {
                usable++;
            }
        }

        return usable;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    private static bool TryParseValue(string field, int line, string column, ProblemList problems, out double value)
    {
        var text = field.Trim();
        if (MissingTokens.Contains(text.ToLowerInvariant()))
        {
            value = double.NaN;
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        problems.Add($"line {line}, column '{MessageText.Shorten(column)}': '{MessageText.Shorten(text)}' is not a finite number (use a dot for decimals; leave the cell empty for a missing value).");
        return false;
    }

    /// <summary>Splits one CSV line on commas, honouring double-quoted fields with doubled quotes inside.</summary>
    private static List<string> SplitFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static string FormatOffset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string FormatStep(TimeSpan step) =>
        step.TotalHours >= 1 && step.Ticks % TimeSpan.TicksPerHour == 0 ? $"{step.TotalHours:0} h"
        : step.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{step.TotalMinutes:0} min"
        : $"{step.TotalSeconds:0.###} s";

    /// <summary>One accepted data line.</summary>
    private sealed record Row(int Line, DateTimeOffset Time, string TimeText, double Target, double[] Features);

    /// <summary>The regular grid being filled, with the source line of each sample (0 where the timestamp was absent).</summary>
    private sealed class Grid
    {
        private readonly TimeSeriesData _calendar;

        public Grid(DateTimeOffset start, TimeSpan step, int count, int featureCount, HolidayCalendar holidays)
        {
            Target = Enumerable.Repeat(double.NaN, count).ToArray();
            Features = Enumerable.Range(0, featureCount).Select(_ => Enumerable.Repeat(double.NaN, count).ToArray()).ToArray();
            SourceLine = new int[count];
            _calendar = new TimeSeriesData(start, step, [], new Dictionary<string, double[]>(), holidays);
        }

        public double[] Target { get; }

        public double[][] Features { get; }

        public int[] SourceLine { get; }

        public int Count => Target.Length;

        public TimeSpan Step => _calendar.Step;

        public int StepsPerDay => _calendar.StepsPerDay;

        public int IndexOf(DateTimeOffset time) => _calendar.IndexOf(time);

        public DateTimeOffset TimeAt(int index) => _calendar.TimeAt(index);

        public DateOnly DateAt(int index) => _calendar.DateAt(index);

        public DateTimeOffset StartOfDay(DateOnly date) => _calendar.StartOfDay(date);
    }

    /// <summary>Problems found so far, with the listing capped at <see cref="MaxListedProblems"/>.</summary>
    private sealed class ProblemList
    {
        private readonly List<string> _items = [];
        private int _unlisted;

        public bool Any => _items.Count > 0;

        public bool Full => _items.Count >= MaxListedProblems;

        public void Add(string problem)
        {
            if (Full)
            {
                _unlisted++;
                return;
            }

            _items.Add(problem);
        }

        public CsvReadResult Result(List<string> notes)
        {
            var listed = _unlisted > 0 ? _items.Append($"… and {_unlisted} more problem(s) not listed.").ToList() : _items;
            return new CsvReadResult(null, listed, notes);
        }
    }
}
