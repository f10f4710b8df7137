using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Sems.Bench;

/// <summary>
/// One job for every benchmark, sized so that the full run (7 cases) stays within about 5 minutes on a 2-core machine:
/// 1 launch, 20 warm-up and 30 measured iterations of about 250 ms each. The long warm-up lets tiered JIT promote the
/// model builder to tier 1 before measuring (with 5 warm-ups it tiered up mid-measurement and ran 3-6x faster after).
/// The benchmark process is pinned to one logical CPU (affinity mask 0x1), so each case is one core's worth of work:
/// GLOP and SCIP, as OR-Tools' MPSolver runs them here, are single-threaded, and the JIT's and GC's background threads
/// share that same core (the runtime then sees Environment.ProcessorCount = 1; workstation GC, one heap).
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithId("OneCore")
            .WithLaunchCount(1)
            .WithWarmupCount(20)
            .WithIterationCount(30)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithAffinity(1)
            .AsDefault());
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        HideColumns(Column.Error);
        WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond));
    }
}
