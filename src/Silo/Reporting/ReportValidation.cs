using System.Diagnostics.CodeAnalysis;

namespace Sems.Silo.Reporting;

/// <summary>Checks a whole report before anything is written, so that a bad input leaves no file behind.</summary>
internal static class ReportValidation
{
    public static void Check(string title, string introduction, IReadOnlyList<ReportSection> sections)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(introduction);
        ArgumentNullException.ThrowIfNull(sections);

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ReportWriter.IndexFileName };
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s] ?? throw Bad($"section {s + 1} is null");
            var where = $"section \"{section.Heading}\"";
            Require(section.Heading is not null && section.Text is not null, $"section {s + 1} has a null heading or text");
            Require(section.Tables is not null && section.Figures is not null && section.Csvs is not null,
                $"{where} has a null list of tables, figures or CSV files (use an empty list)");

            foreach (var table in section.Tables) CheckTable(table, where);
            foreach (var figure in section.Figures)
            {
                Require(figure is not null, $"{where} has a null figure");
                CheckFileName(figure.FileName, ".png", "figure", names);
                CheckFigure(figure);
            }

            foreach (var csv in section.Csvs)
            {
                Require(csv is not null, $"{where} has a null CSV file");
                CheckFileName(csv.FileName, ".csv", "CSV", names);
                CheckCsv(csv);
            }
        }
    }

    /// <summary>A bare file name with the given extension, unique in the report (ignoring case).</summary>
    public static void CheckFileName(string? name, string extension, string what, ISet<string> taken)
    {
        Require(!string.IsNullOrWhiteSpace(name), $"a {what} file name is empty");
        var invalid = Path.GetInvalidFileNameChars();
        if (name.IndexOfAny(['/', '\\', ':']) >= 0 || name.Any(c => char.IsControl(c) || invalid.Contains(c)))
            throw Bad($"{what} file name \"{name}\" must be a bare file name, without a directory part or path separator");
        Require(name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && name.Trim() == name,
            $"{what} file name \"{name}\" must end with \"{extension}\" and have no leading or trailing blanks");
        Require(taken.Add(name), $"file name \"{name}\" is used twice in the report (or is reserved)");
    }

    private static void CheckTable(ReportTable? table, string where)
    {
        Require(table is not null, $"{where} has a null table");
        var what = $"table \"{table.Title}\" of {where}";
        Require(table.Title is not null && table.Columns is not null && table.Rows is not null, $"{what} has a null title, column list or row list");
        Require(table.Columns.All(c => c is not null), $"{what} has a null column heading");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            Require(row is not null, $"row {r + 1} of {what} is null");
            Require(row.Count == table.Columns.Count, $"row {r + 1} of {what} has {row.Count} cells, not one per column ({table.Columns.Count})");
            Require(row.All(c => c is not null), $"row {r + 1} of {what} has a null cell");
        }
    }

    private static void CheckFigure(ReportFigure figure)
    {
        var what = $"figure \"{figure.FileName}\"";
        Require(figure.Title is not null && figure.XLabel is not null && figure.YLabel is not null, $"{what} has a null title or axis label");
        Require(Enum.IsDefined(figure.Kind), $"{what} has an unknown kind {(int)figure.Kind}");
        Require(figure.Series is not null, $"{what} has a null series list");

        var bars = figure.Kind == FigureKind.StackedBars;
        if (bars)
        {
            Require(figure.Categories is { Count: > 0 }, $"{what} is a stacked bar figure and needs at least one category");
            Require(figure.Categories.All(c => c is not null), $"{what} has a null category");
            Require(!figure.XIsOADate, $"{what} is a stacked bar figure: its X axis holds categories, not dates");
        }

        foreach (var line in figure.ReferenceLines ?? [])
        {
            Require(line is not null && line.Name is not null, $"{what} has a null reference line or reference line name");
            Require(double.IsFinite(line.Y), $"reference line \"{line.Name}\" of {what} is at {line.Y}, not a finite number");
            Require(!bars, $"{what} is a stacked bar figure: reference lines are for lines, scatters and steps");
        }

        foreach (var series in figure.Series)
        {
            Require(series is not null, $"{what} has a null series");
            var name = $"series \"{series.Name}\" of {what}";
            Require(series.Name is not null && series.X is not null && series.Y is not null, $"a series of {what} has a null name, X or Y");
            Require(series.Y.All(double.IsFinite), $"{name} has a value in Y that is not a finite number");
            if (series.Labels is { } labels)
            {
                Require(!bars, $"{name} has point labels, which stacked bars do not support");
                Require(labels.Count == series.Y.Length, $"{name} has {labels.Count} point labels, not one per Y value ({series.Y.Length})");
                Require(labels.All(l => l is not null), $"{name} has a null point label");
            }

            if (bars)
            {
                var categories = figure.Categories!.Count; // checked above
                Require(series.Y.Length == categories, $"{name} has {series.Y.Length} values in Y, not one per category ({categories})");
                Require(!series.OnRightAxis, $"{name} is on the right axis, which stacked bars do not support");
                continue;
            }

            Require(series.X.All(double.IsFinite), $"{name} has a value in X that is not a finite number");
            var edges = figure.Kind == FigureKind.Step && series.X.Length == series.Y.Length + 1;
            Require(series.X.Length == series.Y.Length || edges,
                $"{name} has {series.X.Length} values in X but {series.Y.Length} in Y"
                + (figure.Kind == FigureKind.Step ? " (a step series takes as many, or one more: the edges)" : ""));
        }
    }

    private static void CheckCsv(ReportCsv csv)
    {
        var what = $"CSV file \"{csv.FileName}\"";
        Require(csv.Columns is { Count: > 0 } && csv.Columns.All(c => c is not null), $"{what} needs at least one column, none null");
        Require(csv.Rows is not null, $"{what} has a null row list");
        for (var r = 0; r < csv.Rows.Count; r++)
        {
            var row = csv.Rows[r];
            Require(row is not null, $"row {r + 1} of {what} is null");
            Require(row.Count == csv.Columns.Count, $"row {r + 1} of {what} has {row.Count} values, not one per column ({csv.Columns.Count})");
        }
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition) throw Bad(message);
    }

    private static ArgumentException Bad(string message) => new(message, "sections");
}
