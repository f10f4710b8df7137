using Sems.Contracts;

namespace Sems.Grains.Tests;

/// <summary>The coordinator's timer runs on the injected (fake) clock: cycles every 15 simulated minutes, no real waiting.</summary>
public sealed class RecedingHorizonTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Four_ticks_run_four_cycles_each_shifting_the_horizon_and_committing_set_points()
    {
        // Step 0 starts one step after the clock's current time; each tick of the fake clock runs the next cycle.
        var start = fixture.Clock.GetUtcNow() + Step;
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("receding");
        Assert.Empty(await coordinator.Configure(Districts.Example("heat-network.json"), start));
        await coordinator.Start();

        var tank = fixture.Grains.GetGrain<IAssetGrain>("receding/greenwich-heat/thermal-store");
        var heatPump = fixture.Grains.GetGrain<IAssetGrain>("receding/greenwich-heat/heat-pump");
        var plans = new List<SubsystemPlan>();
        for (var k = 0; k < 4; k++)
        {
            if (k == 2)
            {
                var receipt = await tank.Record(new Measurement(fixture.Clock.GetUtcNow(), "soc", [250.0], "kWh"));
                Assert.True(receipt.Accepted, receipt.Reason);
            }

            fixture.Clock.Advance(Step);
            var reports = await WaitForReports(coordinator, k + 1);
            var report = reports[^1];
            Assert.Equal(k, report.Cycle);
            Assert.Equal(start + k * Step, report.Start);
            Assert.Equal(0, report.SkippedTicks);
            plans.Add((await fixture.Grains.GetGrain<ISubsystemGrain>("receding/greenwich-heat").GetPlan())!);
            Assert.Equal(start + k * Step, plans[^1].Start);

            var setpoint = await heatPump.GetSetpoint();
            Assert.Equal(k, setpoint!.Cycle);
            Assert.Equal(start + k * Step, setpoint.ValidFrom);
            Assert.Equal(start + (k + 1) * Step, setpoint.ValidUntil);
        }

        await coordinator.Stop();
        Assert.Contains("thermal-store SoC 200 kWh (file)", plans[0].InitialState);
        Assert.Contains("(predicted)", plans[1].InitialState);
        Assert.Contains("thermal-store SoC 250 kWh (measured)", plans[2].InitialState);
        // The horizon moved: cycle k's electricity cost uses prices from step k on, so the plans differ.
        Assert.NotEqual(plans[0].Terms!.ByFactor["cost"], plans[3].Terms!.ByFactor["cost"]);
    }

    [Fact]
    public async Task A_tick_that_finds_a_cycle_running_is_dropped_and_reported_not_queued()
    {
        // Clock-true cycles: after two periods at once the clock stands at step 1, so the first cycle run is cycle 1 and
        // cycle 0 is reported as missed (it is never replayed); the second tick finds cycle 1 in flight and is dropped.
        var start = fixture.Clock.GetUtcNow() + Step;
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("slow");
        Assert.Empty(await coordinator.Configure(Districts.Example("heat-network.json"), start));
        await coordinator.Start();

        // Two periods pass at once: the second tick fires while the first cycle is still in flight.
        fixture.Clock.Advance(2 * Step);
        var first = await WaitForReports(coordinator, 1);
        await Task.Delay(500);
        Assert.Single(await coordinator.GetReports(10));

        fixture.Clock.Advance(Step);
        var reports = await WaitForReports(coordinator, 2);
        await coordinator.Stop();
        // The slow cycle's own report counts the tick it made skip; the next tick runs the next cycle normally.
        Assert.Equal(1, first[0].SkippedTicks);
        Assert.Equal((1, 1), (first[0].Cycle, first[0].MissedCycles));
        Assert.Equal(start + Step, first[0].Start);
        Assert.Equal(0, reports[1].SkippedTicks);
        Assert.Equal((2, 0), (reports[1].Cycle, reports[1].MissedCycles));
    }

    private static async Task<CoordinationCycleReport[]> WaitForReports(IDistrictCoordinatorGrain coordinator, int count)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var reports = await coordinator.GetReports(100);
            if (reports.Length >= count) return reports;
            await Task.Delay(50);
        }

        throw new TimeoutException($"fewer than {count} cycle reports after 15 s");
    }
}
