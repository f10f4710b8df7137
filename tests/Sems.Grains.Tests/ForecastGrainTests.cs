using Sems.Contracts;

namespace Sems.Grains.Tests;

/// <summary>The forecast grain keeps history, retrains when a day has passed on the SEMS clock, and serves forecasts.</summary>
public sealed class ForecastGrainTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private static readonly ForecastConfiguration Naive = new("seasonal-naive", ["demand:ev-charging"], 60, TimeSpan.FromDays(1), 28, 1);

    [Fact]
    public async Task Same_time_yesterday_is_served_and_retraining_follows_the_clock()
    {
        var grain = fixture.Grains.GetGrain<IForecastGrain>("forecast/ev");
        Assert.Empty(await grain.Configure(Naive));
        // 21 days of hourly history ending where the clock stands: value = day index × 100 + hour.
        var start = fixture.Clock.GetUtcNow().AddDays(-21);
        var history = Enumerable.Range(0, 21 * 24).Select(i => (double)(i / 24 * 100 + i % 24)).ToArray();
        Assert.Empty(await grain.Observe("demand:ev-charging", start, history));

        var forecast = await grain.Forecast(fixture.Clock.GetUtcNow(), 24);
        // Yesterday was day 20: 2000 + hour.
        Assert.Equal(Enumerable.Range(0, 24).Select(h => 2000.0 + h), forecast["demand:ev-charging"]);
        Assert.Equal(1, (await grain.GetStatus()).Trainings);

        await grain.Forecast(fixture.Clock.GetUtcNow(), 24);
        Assert.Equal(1, (await grain.GetStatus()).Trainings);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await grain.Forecast(fixture.Clock.GetUtcNow(), 24);
        var status = await grain.GetStatus();
        Assert.Equal(2, status.Trainings);
        Assert.Equal(fixture.Clock.GetUtcNow(), status.LastTrained);
        Assert.Equal(21 * 24, status.HistorySamples["demand:ev-charging"]);
    }

    [Fact]
    public async Task Bad_configurations_and_observations_are_refused_naming_the_field()
    {
        var grain = fixture.Grains.GetGrain<IForecastGrain>("forecast/bad");
        Assert.Contains(await grain.Configure(Naive with { Method = "crystal-ball" }), p => p.StartsWith("method: \"crystal-ball\"", StringComparison.Ordinal));
        Assert.Contains(await grain.Configure(Naive with { HistoryDays = 7 }), p => p.StartsWith("historyDays: 7", StringComparison.Ordinal));
        Assert.Empty(await grain.Configure(Naive));
        var now = fixture.Clock.GetUtcNow();
        Assert.Contains(await grain.Observe("demand:other", now, [1]), p => p.StartsWith("input: \"demand:other\"", StringComparison.Ordinal));
        Assert.Contains(await grain.Observe("demand:ev-charging", now, [1, -2]), p => p.StartsWith("values[1]: -2", StringComparison.Ordinal));
        Assert.Contains(await grain.Observe("demand:ev-charging", now, [double.NaN]), p => p.StartsWith("values[0]: NaN", StringComparison.Ordinal));
        Assert.Contains(await grain.Observe("demand:ev-charging", now.AddMinutes(7), [1]), p => p.StartsWith("start:", StringComparison.Ordinal));
    }
}
