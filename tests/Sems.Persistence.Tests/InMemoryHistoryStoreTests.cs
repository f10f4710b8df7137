using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sems.Contracts.History;
using Sems.Persistence.History;

namespace Sems.Persistence.Tests;

public sealed class InMemoryHistoryStoreTests
{
    private static InMemoryHistoryStore Store(int capacity) => new(Options.Create(new HistoryOptions { InMemoryCapacityPerKind = capacity }));

    [Fact]
    public async Task BeyondCapacityTheOldestOfThatKindIsDroppedAndCounted()
    {
        var store = Store(5);
        for (var i = 0; i < 12; i++) store.Record(HistorySamples.Measurement("d1", i));
        store.Record(HistorySamples.Forecast("d1", 0));

        var measurements = await store.ReadAsync("d1", HistoryKind.Measurement, null, null, 100, CancellationToken.None);

        Assert.Equal(Enumerable.Range(7, 5).Select(i => $"asset{i}"), measurements.Cast<MeasurementRecord>().Select(m => m.Asset));
        Assert.Single(await store.ReadAsync("d1", HistoryKind.Forecast, null, null, 100, CancellationToken.None));
        Assert.Equal(7, store.Counters.Dropped);
        Assert.Equal(13, store.Counters.Enqueued);
    }

    [Fact]
    public async Task EveryKindReadsBackAndFiltersByDistrictTimeAndLimit()
    {
        var store = Store(1000);
        var records = HistorySamples.AllKinds("d1", 10).ToList();
        foreach (var r in records.Concat(HistorySamples.AllKinds("d2", 3))) store.Record(r);

        var all = await store.ReadAsync("d1", null, null, null, 1000, CancellationToken.None);
        var window = await store.ReadAsync("d1", HistoryKind.Plan, HistorySamples.At(2), HistorySamples.At(5), 1000, CancellationToken.None);
        var limited = await store.ReadAsync("d1", HistoryKind.Report, null, null, 4, CancellationToken.None);

        Assert.Equal(70, all.Count);
        Assert.Equal([2, 3, 4], window.Cast<PlanRecord>().Select(p => p.Cycle));
        Assert.Equal([0, 1, 2, 3], limited.Cast<ReportRecord>().Select(p => p.Cycle));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task ReplayedSetpointOfTheSameAssetAndCycleIsIgnored()
    {
        var store = Store(100);
        store.Record(HistorySamples.Setpoint("d1", 1, 4));
        store.Record(HistorySamples.Setpoint("d1", 1, 4) with { Source = "replay" });
        store.Record(HistorySamples.Setpoint("d1", 1, 5));

        var setpoints = (await store.ReadAsync("d1", HistoryKind.Setpoint, null, null, 100, CancellationToken.None)).Cast<SetpointRecord>().ToList();

        Assert.Equal([(4, "plan"), (5, "plan")], setpoints.Select(s => (s.Cycle, s.Source)));
        Assert.Equal(1, store.Counters.Duplicates);
    }

    [Fact]
    public async Task AddSemsHistoryChoosesTheStoreByTheConnectionString()
    {
        await using var memory = new ServiceCollection().AddSemsHistory(o => o.InMemoryCapacityPerKind = 3).BuildServiceProvider();
        await using var postgres = new ServiceCollection().AddSemsHistory(o => o.ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Database=x").BuildServiceProvider();

        Assert.IsType<InMemoryHistoryStore>(memory.GetRequiredService<IHistorySink>());
        Assert.Same(memory.GetRequiredService<IHistorySink>(), memory.GetRequiredService<IHistoryReader>());
        Assert.IsType<PostgresHistoryStore>(postgres.GetRequiredService<IHistorySink>());
        Assert.Same(postgres.GetRequiredService<IHistorySink>(), postgres.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single());
    }
}
