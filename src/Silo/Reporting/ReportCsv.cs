namespace Sems.Silo.Reporting;

/// <summary>
/// A numeric CSV file beside index.html (linked from it): a header row, then one line per row, numbers written
/// with the invariant culture in round-trip form.
/// </summary>
/// <param name="FileName">A bare file name ending in ".csv": no directory part.</param>
/// <param name="Columns">Header row; put units in the names, e.g. "price_EUR_per_MWh".</param>
/// <param name="Rows">Rows, each with exactly one value per column.</param>
public sealed record ReportCsv(string FileName, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double>> Rows);
