using Google.Protobuf.WellKnownTypes;
using Sems.Api.V1;
using Sems.Contracts;
using Measurement = Sems.Api.V1.Measurement;

namespace Sems.Gateway.Tests.Ingest;

/// <summary>
/// The asset grain's group commit as the Telemetry API exercises it: a burst of measurements to one asset is stored in
/// two writes instead of one each, and no measurement is acknowledged before a write holding it has completed.
/// </summary>
public sealed class GroupCommitTests(GatedStorageHost host) : IClassFixture<GatedStorageHost>
{
    private const string Subsystem = "greenwich-heat";
    private const string Store = "thermal-store";

    [Fact]
    public async Task A_burst_is_acknowledged_only_after_the_write_that_holds_it_and_costs_two_writes()
    {
        const string district = "group-commit-push";
        var asset = await host.LoadHeatNetworkStore(district);
        var before = host.Storage.Stored(asset.GetGrainId());
        host.Storage.Close();
        try
        {
            using var channel = host.Channel();
            using var call = new Sems.Api.V1.Telemetry.TelemetryClient(channel).Push();
            var batch = new MeasurementBatch { BatchId = 7 };
            var at = Timestamp.FromDateTimeOffset(GatewayFixture.Epoch);
            for (var k = 0; k < 50; k++)
                batch.Measurements.Add(new Measurement { District = district, Subsystem = Subsystem, Asset = Store, Quantity = "soc", Unit = "kWh", Values = { 100 + k }, MeasuredAt = at });
            await call.RequestStream.WriteAsync(batch);
            var ack = call.ResponseStream.MoveNext(CancellationToken.None);

            // The first measurement's write is held; the other 49 are judged and applied meanwhile (a read interleaves and sees all 50).
            await host.Storage.WriteHeld.WaitAsync(TimeSpan.FromSeconds(60));
            for (var polls = 0; (await asset.GetSnapshot()).Accepted < 50; polls++)
            {
                Assert.True(polls < 600, "the 49 measurements after the held write never reached the grain");
                await Task.Delay(50);
            }

            Assert.False(ack.IsCompleted, "the batch was acknowledged while the write of its measurements was still held");
            Assert.Equal(before, host.Storage.Stored(asset.GetGrainId()));

            host.Storage.Open();
            Assert.True(await ack.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(7UL, call.ResponseStream.Current.BatchId);
            Assert.Equal(50U, call.ResponseStream.Current.Accepted);
            Assert.Empty(call.ResponseStream.Current.Rejections);
            // One write began with the first measurement (1 accepted); one more took the 49 that came while it ran.
            Assert.Equal((before.Writes + 2, 50), host.Storage.Stored(asset.GetGrainId()));
            await call.RequestStream.CompleteAsync();
        }
        finally
        {
            host.Storage.Open();
        }
    }

    [Fact]
    public async Task A_failed_write_fails_the_calls_waiting_for_it_and_the_next_write_stores_the_state()
    {
        var asset = await host.LoadHeatNetworkStore("group-commit-failure");
        var before = host.Storage.Stored(asset.GetGrainId());
        host.Storage.FailNextWrite(new InvalidOperationException("the store refused the write"));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => asset.Record(new Sems.Contracts.Measurement(GatewayFixture.Epoch, "soc", [120], "kWh")));
        Assert.Contains("the store refused the write", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, host.Storage.Stored(asset.GetGrainId()));

        // Not acknowledged, but kept in memory: the next write stores both it and the next measurement.
        var receipt = await asset.Record(new Sems.Contracts.Measurement(GatewayFixture.Epoch, "soc", [130], "kWh"));
        Assert.True(receipt.Accepted, receipt.Reason);
        Assert.Equal((before.Writes + 1, 2), host.Storage.Stored(asset.GetGrainId()));
    }
}
