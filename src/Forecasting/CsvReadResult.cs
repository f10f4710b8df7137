namespace Sems.Forecasting;

/// <summary>What <see cref="CsvSeriesReader.Read"/> made of a CSV text.</summary>
/// <param name="Data">The series, or null when the text was rejected (then <paramref name="Problems"/> says why).</param>
/// <param name="Problems">Reasons for rejection, each naming the line, column and value where there is one; empty when accepted.</param>
/// <param name="Notes">What was inferred or repaired: the step, interpolated gaps, skipped days and why.</param>
public sealed record CsvReadResult(TimeSeriesData? Data, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes);
