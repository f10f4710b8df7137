using Sems.Contracts;

namespace Sems.Grains.Tests;

/// <summary>Asset grains store only measurements that are finite, fresh, in range and in the right unit.</summary>
public sealed class MeasurementTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    [Fact]
    public async Task Bad_measurements_are_rejected_with_a_reason_counted_and_never_stored()
    {
        var now = fixture.Clock.GetUtcNow();
        var tank = fixture.Grains.GetGrain<IAssetGrain>("measure/heat/tank");
        await tank.Configure(new AssetDefinition("heat", "tank", AssetKind.Store, "soc", "kWh", [0], [600], TimeSpan.FromMinutes(30)));

        Assert.True((await tank.Record(new Measurement(now, "soc", [300], "kWh"))).Accepted);
        await AssertRejected(tank, new Measurement(now, "soc", [double.NaN], "kWh"), "not-finite", "is not a finite number");
        await AssertRejected(tank, new Measurement(now, "soc", [double.PositiveInfinity], "kWh"), "not-finite", "Infinity");
        await AssertRejected(tank, new Measurement(now - TimeSpan.FromHours(1), "soc", [310], "kWh"), "stale", "older than 30 min");
        await AssertRejected(tank, new Measurement(now + TimeSpan.FromHours(1), "soc", [310], "kWh"), "future", "ahead of the clock");
        await AssertRejected(tank, new Measurement(now, "soc", [700], "kWh"), "out-of-range", "soc[0] = 700 kWh is outside [0, 600] kWh");
        await AssertRejected(tank, new Measurement(now, "soc", [-5], "kWh"), "out-of-range", "outside [0, 600]");
        await AssertRejected(tank, new Measurement(now, "soc", [0.31], "MWh"), "wrong-unit", "unit \"MWh\" is not \"kWh\"");
        await AssertRejected(tank, new Measurement(now, "power", [30], "kW"), "wrong-quantity", "quantity \"power\"");
        await AssertRejected(tank, new Measurement(now, "soc", [300, 1], "kWh"), "wrong-size", "2 values");

        var snapshot = await tank.GetSnapshot();
        Assert.Equal(300, snapshot.Latest!.Values[0]);
        Assert.Equal(1, snapshot.Accepted);
        Assert.Equal(2, snapshot.Rejected["not-finite"]);
        Assert.Equal(2, snapshot.Rejected["out-of-range"]);
        Assert.Equal(1, snapshot.Rejected["stale"]);
        Assert.Equal(9, snapshot.Rejected.Values.Sum());
    }

    [Fact]
    public async Task A_measurement_older_than_the_latest_is_stale_and_an_old_one_is_not_fresh()
    {
        var now = fixture.Clock.GetUtcNow();
        var tank = fixture.Grains.GetGrain<IAssetGrain>("measure/heat/tank-2");
        await tank.Configure(new AssetDefinition("heat", "tank-2", AssetKind.Store, "soc", "kWh", [0], [600], TimeSpan.FromMinutes(30)));
        Assert.True((await tank.Record(new Measurement(now, "soc", [100], "kWh"))).Accepted);
        await AssertRejected(tank, new Measurement(now - TimeSpan.FromMinutes(5), "soc", [90], "kWh"), "stale", "older than the latest accepted");

        Assert.NotNull(await tank.GetFreshMeasurement());
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(await tank.GetFreshMeasurement());
    }

    [Fact]
    public async Task An_unconfigured_asset_rejects_everything()
    {
        var asset = fixture.Grains.GetGrain<IAssetGrain>("measure/nowhere/nothing");
        await AssertRejected(asset, new Measurement(fixture.Clock.GetUtcNow(), "soc", [1], "kWh"), "unconfigured", "no definition");
    }

    private static async Task AssertRejected(IAssetGrain asset, Measurement measurement, string category, string reason)
    {
        var receipt = await asset.Record(measurement);
        Assert.False(receipt.Accepted);
        Assert.Equal(category, receipt.Category);
        Assert.Contains(reason, receipt.Reason, StringComparison.Ordinal);
    }
}
