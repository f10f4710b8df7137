using System.Globalization;

namespace Sems.Bench.Gateway;

/// <summary>Percentiles of a set of latencies (ms), nearest-rank on the sorted values.</summary>
public sealed record LatencySummary(int Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary Of(IEnumerable<double> valuesMs)
    {
        var sorted = valuesMs.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0) return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), Rank(sorted, 0.999), sorted[^1]);
    }

    /// <summary>The smallest value with at least <paramref name="q"/> of the values at or below it.</summary>
    public static double Rank(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0) return double.NaN;
        var index = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Rank(values.Order().ToArray(), 0.5);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count:N0}  p50 {P50Ms:0.00} ms  p90 {P90Ms:0.00} ms  p99 {P99Ms:0.00} ms  p99.9 {P999Ms:0.00} ms  max {MaxMs:0.00} ms");
}
