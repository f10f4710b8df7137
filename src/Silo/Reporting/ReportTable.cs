namespace Sems.Silo.Reporting;

/// <summary>A table of text cells, written into index.html as a &lt;table&gt;.</summary>
/// <param name="Title">Caption of the table.</param>
/// <param name="Columns">Column headings.</param>
/// <param name="Rows">Rows, each with exactly one cell per column.</param>
/// <param name="Note">Optional remark printed under the table.</param>
public sealed record ReportTable(
    string Title,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    string? Note = null);
