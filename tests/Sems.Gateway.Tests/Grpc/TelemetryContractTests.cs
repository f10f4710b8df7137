using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sems.Api.V1;
using Sems.Contracts;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// sems.v1.Telemetry: one ack per pushed batch with the accepted count and every rejection (its index, reason and field
/// path); the connection point's meter reading in the next status; set-points as the asset grains hold them, and a new
/// list on the stream after every cycle.
/// </summary>
public sealed class TelemetryContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan ReadGuard = TimeSpan.FromSeconds(60);

    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task Push_acks_each_batch_with_the_accepted_count_and_every_rejection_with_its_reason_and_field()
    {
        var district = await _c.WorkedExample("tel-push");
        await _c.Cycle(district);
        var token = _c.Token(district);
        var now = fixture.Clock.GetUtcNow();
        var batch = new MeasurementBatch { BatchId = 41 };
        batch.Measurements.Add(HeatPump(district, now, 20));                                   // 0: accepted
        batch.Measurements.Add(Meter(district, now, 85));                                      // 1: accepted (the meter)
        batch.Measurements.Add(HeatPump(district, now.AddHours(-2), 20));                      // 2: older than the 30 min allowed
        batch.Measurements.Add(HeatPump(district, now.AddHours(1), 20));                       // 3: ahead of the clock
        batch.Measurements.Add(HeatPump(district, now, double.NaN));                           // 4: not a number
        var wrongUnit = HeatPump(district, now, 0.02);
        wrongUnit.Unit = "MW";
        batch.Measurements.Add(wrongUnit);                                                      // 5: MW where kW is expected
        var unknown = HeatPump(district, now, 20);
        unknown.Asset = "no-such-pump";
        batch.Measurements.Add(unknown);                                                        // 6: not an asset of the subsystem

        using var push = _c.Telemetry(token).Push();
        await push.RequestStream.WriteAsync(batch);
        var ack = await Next(push.ResponseStream);

        Assert.Equal(41UL, ack.BatchId);
        Assert.Equal(2U, ack.Accepted);
        Assert.Equal(
            [
                (2U, "stale", "measurements[2].measured_at"),
                (3U, "future", "measurements[3].measured_at"),
                (4U, "non_finite", "measurements[4].values[0]"),
                (5U, "wrong_unit", "measurements[5].unit"),
                (6U, "unknown_asset", "measurements[6].asset"),
            ],
            ack.Rejections.OrderBy(r => r.Index).Select(r => (r.Index, r.Reason, r.Field)));
        Assert.All(ack.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Detail)));
        Assert.Contains("MW", ack.Rejections.Single(r => r.Index == 5).Detail, StringComparison.Ordinal);
        Assert.Contains("no-such-pump", ack.Rejections.Single(r => r.Index == 6).Detail, StringComparison.Ordinal);

        // The heat pump's measurement is stored on its asset grain; the NaN and the others are not.
        var heatPump = fixture.Grains.GetGrain<IAssetGrain>($"{district}/heat-network/heat-pump");
        var stored = await heatPump.GetFreshMeasurement();
        Assert.NotNull(stored);
        Assert.Equal([20.0], stored.Values);
        Assert.Equal(now, stored.Timestamp);

        // A second batch on the same stream gets its own ack.
        var second = new MeasurementBatch { BatchId = 42 };
        second.Measurements.Add(HeatPump(district, now, 25));
        await push.RequestStream.WriteAsync(second);
        var secondAck = await Next(push.ResponseStream);
        await push.RequestStream.CompleteAsync();
        Assert.Equal(42UL, secondAck.BatchId);
        Assert.Equal(1U, secondAck.Accepted);
        Assert.Empty(secondAck.Rejections);
        var replaced = await heatPump.GetFreshMeasurement();
        Assert.Equal([25.0], replaced!.Values);

        // The meter reading is the connection point's measured import in the next status.
        var status = await _c.Grid(token).GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });
        Assert.True(status.HasMeasuredImportKw);
        Assert.Equal(85.0, status.MeasuredImportKw);
        Assert.Equal(now, status.MeasuredAt.ToDateTimeOffset());
        Assert.Equal(Compliance.AtRisk, status.Compliance); // 85 kW metered under 100 kW: the plan's risk alone
    }

    [Fact]
    public async Task The_meters_readings_are_judged_as_an_assets_and_one_above_the_limit_makes_the_status_violated()
    {
        var district = await _c.WorkedExample("tel-meter");
        await _c.Cycle(district);
        var token = _c.Token(district);
        var now = fixture.Clock.GetUtcNow();
        using var push = _c.Telemetry(token).Push();

        var batch = new MeasurementBatch { BatchId = 1 };
        batch.Measurements.Add(Meter(district, now.AddMinutes(-5), 85));
        await push.RequestStream.WriteAsync(batch);
        Assert.Equal(1U, (await Next(push.ResponseStream)).Accepted);

        var late = new MeasurementBatch { BatchId = 2 };
        late.Measurements.Add(Meter(district, now.AddMinutes(-10), 90));   // older than the reading held (now − 5 min)
        late.Measurements.Add(Meter(district, now.AddHours(1), 95));       // ahead of the clock
        late.Measurements.Add(Meter(district, now.AddHours(-2), 95));      // older than the 30 min a measurement is fresh
        await push.RequestStream.WriteAsync(late);
        var lateAck = await Next(push.ResponseStream);
        Assert.Equal(0U, lateAck.Accepted);
        Assert.Equal(
            [(0U, "stale", "measurements[0].measured_at"), (1U, "future", "measurements[1].measured_at"), (2U, "stale", "measurements[2].measured_at")],
            lateAck.Rejections.OrderBy(r => r.Index).Select(r => (r.Index, r.Reason, r.Field)));

        var grid = _c.Grid(token);
        var status = await grid.GetStatusAsync(new GetStatusRequest { District = district });
        Assert.Equal(85.0, status.MeasuredImportKw);
        Assert.Equal(now.AddMinutes(-5), status.MeasuredAt.ToDateTimeOffset());

        var above = new MeasurementBatch { BatchId = 3 };
        above.Measurements.Add(Meter(district, now, 104.5));
        await push.RequestStream.WriteAsync(above);
        Assert.Equal(1U, (await Next(push.ResponseStream)).Accepted);
        await push.RequestStream.CompleteAsync();

        status = await grid.GetStatusAsync(new GetStatusRequest { District = district });
        Assert.Equal(104.5, status.MeasuredImportKw);
        // The plan keeps 100 kW (AT_RISK alone), but the meter reads 104.5 kW > 100 kW, the limit of the current step.
        Assert.Equal(Compliance.Violated, status.Compliance);
    }

    [Fact]
    public async Task GetSetpoints_returns_the_asset_grains_setpoints_after_a_cycle()
    {
        var district = await _c.WorkedExample("tel-setpoints");
        var t0 = _c.StepStart;
        await _c.Cycle(district);
        var telemetry = _c.Telemetry(_c.Token(district));

        var list = await telemetry.GetSetpointsAsync(new GetSetpointsRequest { District = district });

        Assert.Equal(district, list.District);
        Assert.Equal(0, list.Cycle);
        var assets = new (string Subsystem, string Asset)[]
        {
            ("heat-network", "heat-pump"), ("heat-network", "gas-boiler"), ("heat-network", "space-heat"), ("ev-hub", "grid"), ("ev-hub", "chargers"),
        };
        var expected = new List<(string, string, string, double)>();
        foreach (var (subsystem, asset) in assets)
        {
            var held = await fixture.Grains.GetGrain<IAssetGrain>($"{district}/{subsystem}/{asset}").GetSetpoint();
            if (held is null) continue;
            expected.AddRange(held.Values.Select(v => (subsystem, asset, v.Key, Math.Round(v.Value, 6))));
            Assert.Equal(0, held.Cycle);
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), list.Setpoints.Select(s => (s.Subsystem, s.Asset, s.Key, Math.Round(s.Value, 6))).Order());
        Assert.All(list.Setpoints, s =>
        {
            Assert.Equal(0, s.Cycle);
            Assert.Equal("plan", s.Source);
            Assert.Equal(t0, s.ValidFrom.ToDateTimeOffset());
            Assert.Equal(t0.AddMinutes(15), s.ValidUntil.ToDateTimeOffset());
            Assert.Equal(s.Key.EndsWith("Kw", StringComparison.Ordinal) ? "kW" : s.Key.EndsWith("Kwh", StringComparison.Ordinal) ? "kWh" : s.Unit, s.Unit);
        });

        // Step 0 of the coordinated plan by hand (not tightened there): the heat pump draws 20 kW of electricity for 60 kW
        // of heat (COP 3), the boiler nothing, the EV hub's grid supply 50 kW for the chargers.
        double Value(string asset, string key) => Math.Round(list.Setpoints.Single(s => s.Asset == asset && s.Key == key).Value, 6);
        Assert.Equal(20.0, Value("heat-pump", "electricity.drawKw"));
        Assert.Equal(60.0, Value("heat-pump", "heat.outputKw"));
        Assert.Equal(0.0, Value("gas-boiler", "gas.drawKw"));
        Assert.Equal(0.0, Value("gas-boiler", "heat.outputKw"));
        Assert.Equal(50.0, Value("grid", "electricity.drawKw"));
        Assert.Equal(50.0, Value("grid", "power.outputKw"));

        var one = await telemetry.GetSetpointsAsync(new GetSetpointsRequest { District = district, Subsystem = "ev-hub", Asset = "grid" });
        Assert.All(one.Setpoints, s => Assert.Equal(("ev-hub", "grid"), (s.Subsystem, s.Asset)));
        Assert.NotEmpty(one.Setpoints);
    }

    [Fact]
    public async Task WatchSetpoints_sends_the_setpoints_in_force_then_a_new_list_after_a_cycle()
    {
        var district = await _c.WorkedExample("tel-watch");
        var t0 = _c.StepStart;
        await _c.Cycle(district);
        using var watch = _c.Telemetry(_c.Token(district)).WatchSetpoints(new WatchSetpointsRequest { District = district, Subsystem = "ev-hub" });

        var first = await Next(watch.ResponseStream);
        Assert.Equal(0, first.Cycle);
        Assert.Equal(50.0, Math.Round(first.Setpoints.Single(s => s.Asset == "grid" && s.Key == "electricity.drawKw").Value, 6));

        // The next step: cycle 1 plans from t0 + 15 min, where the chargers draw 90 kW.
        _c.Advance(1);
        await _c.Cycle(district);
        var second = await Next(watch.ResponseStream);
        Assert.Equal(1, second.Cycle);
        Assert.All(second.Setpoints, s =>
        {
            Assert.Equal("ev-hub", s.Subsystem);
            Assert.Equal(t0.AddMinutes(15), s.ValidFrom.ToDateTimeOffset());
        });
        Assert.Equal(90.0, Math.Round(second.Setpoints.Single(s => s.Asset == "grid" && s.Key == "electricity.drawKw").Value, 6));
    }

    private static Sems.Api.V1.Measurement HeatPump(string district, DateTimeOffset at, double kw)
    {
        var m = new Sems.Api.V1.Measurement
        {
            District = district, Subsystem = "heat-network", Asset = "heat-pump", Quantity = "power", Unit = "kW", MeasuredAt = Timestamp.FromDateTimeOffset(at),
        };
        m.Values.Add(kw);
        return m;
    }

    private static Sems.Api.V1.Measurement Meter(string district, DateTimeOffset at, double kw)
    {
        var m = new Sems.Api.V1.Measurement { District = district, Quantity = "power", Unit = "kW", MeasuredAt = Timestamp.FromDateTimeOffset(at) };
        m.Values.Add(kw);
        return m;
    }

    private static async Task<T> Next<T>(IAsyncStreamReader<T> stream)
    {
        using var guard = new CancellationTokenSource(ReadGuard);
        Assert.True(await stream.MoveNext(guard.Token), "the stream ended");
        return stream.Current;
    }
}
