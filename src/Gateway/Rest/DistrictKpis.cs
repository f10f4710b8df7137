using Sems.Contracts.History;

namespace Sems.Gateway.Rest;

/// <summary>
/// A district's key figures over a window, from the cycle reports of its history: cycles run and missed (a missed
/// cycle is one that could not run, recorded as such), the violation of the district limits before and after
/// coordination (kWh, summed over cycles and resources, and per resource), the share of run cycles whose plan kept
/// every limit after coordination (violation after at most <see cref="CompliantToleranceKwh"/>), Algorithm 1's rounds
/// and re-solves, the mean and largest cycle wall time (ms) and the set-points committed.
/// </summary>
/// <param name="ReportsRead">The report records the figures are computed from (run and missed).</param>
/// <param name="Truncated">More reports lie in the window than one call reads (<see cref="HistoryQueries.MaxRecords"/>): the figures cover the oldest ones only.</param>
public sealed record DistrictKpis(
    string District,
    DateTimeOffset From,
    DateTimeOffset? To,
    int CyclesRunCount,
    int CyclesMissedCount,
    double ViolationBeforeKwh,
    double ViolationAfterKwh,
    IReadOnlyDictionary<string, double> ViolationBeforeKwhByResource,
    IReadOnlyDictionary<string, double> ViolationAfterKwhByResource,
    int CompliantCyclesCount,
    double? CompliantCyclesPercent,
    int RoundsCount,
    int ResolvesCount,
    double? MeanCycleWallMs,
    double? MaxCycleWallMs,
    long SetpointsCommittedCount,
    int ReportsRead,
    bool Truncated)
{
    /// <summary>A cycle whose violation after coordination is at most this (kWh, summed over resources) kept its limits.</summary>
    public const double CompliantToleranceKwh = 1e-6;

    /// <summary>The figures of <paramref name="reports"/> (every one of the district and the window).</summary>
    public static DistrictKpis Compute(string district, DateTimeOffset from, DateTimeOffset? to, IReadOnlyList<ReportRecord> reports, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var run = reports.Where(r => !r.Missed).ToList();
        var before = Sum(run, r => r.ViolationBeforeKwh);
        var after = Sum(run, r => r.ViolationAfterKwh);
        var compliant = run.Count(r => r.ViolationAfterKwh.Values.Sum() <= CompliantToleranceKwh);
        return new DistrictKpis(
            district,
            from,
            to,
            run.Count,
            reports.Count - run.Count,
            before.Values.Sum(),
            after.Values.Sum(),
            before,
            after,
            compliant,
            run.Count == 0 ? null : 100.0 * compliant / run.Count,
            run.Sum(r => r.Rounds),
            run.Sum(r => r.Resolves),
            run.Count == 0 ? null : run.Average(r => r.WallMs),
            run.Count == 0 ? null : run.Max(r => r.WallMs),
            run.Sum(r => (long)r.SetpointsCommitted),
            reports.Count,
            truncated);
    }

    private static SortedDictionary<string, double> Sum(IEnumerable<ReportRecord> reports, Func<ReportRecord, IReadOnlyDictionary<string, double>> pick)
    {
        var sums = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            foreach (var (resource, kwh) in pick(report)) sums[resource] = sums.GetValueOrDefault(resource) + kwh;
        }

        return sums;
    }
}
