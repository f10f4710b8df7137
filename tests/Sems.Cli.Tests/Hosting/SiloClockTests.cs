using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Grains;
using Sems.Silo.Hosting;
using Sems.Silo.Simulation;
using Xunit;

namespace Sems.Cli.Tests.Hosting;

/// <summary>
/// In a running embedded silo with a simulated SEMS clock, the grains get that clock while Orleans' own services
/// (the default clock and every Orleans area, membership and its watchdog included) get the real host clock.
/// </summary>
public sealed class SiloClockTests
{
    [Fact]
    public async Task Sems_grains_run_on_the_simulated_clock_and_orleans_on_the_real_one()
    {
        var simulated = new SimulatedClock(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var silo = await EmbeddedSilo.StartAsync(LogLevel.Error, simulated);

        Assert.Same(simulated, silo.Services.GetRequiredKeyedService<TimeProvider>(SemsGrainOptions.Clock));
        Assert.IsType<HostClock>(silo.Services.GetRequiredService<TimeProvider>());
        foreach (var area in new[] { "Orleans.Membership", "Orleans.Grains", "Orleans.Messaging", "Orleans.SystemTimers" })
        {
            var clock = silo.Services.GetRequiredKeyedService<TimeProvider>(area);
            Assert.IsType<HostClock>(clock);
            Assert.True(clock.GetUtcNow().Year >= 2025, $"{area} reads {clock.GetUtcNow():O}, not the real time");
        }
    }
}
