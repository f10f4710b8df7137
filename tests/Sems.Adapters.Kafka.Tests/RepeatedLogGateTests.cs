using Microsoft.Extensions.Time.Testing;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>An unreachable broker repeats one line many times a second: the gate lets it through once per interval.</summary>
public sealed class RepeatedLogGateTests
{
    [Fact]
    public void An_identical_line_passes_once_per_interval_and_then_counts_what_was_held_back()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var gate = new RepeatedLogGate(clock);
        const string refused = "Connect to ipv4#127.0.0.1:1 failed: Connection refused";

        Assert.Equal(refused, gate.Pass(refused));
        for (var k = 0; k < 5; k++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Null(gate.Pass(refused));
        }

        Assert.Equal("another line", gate.Pass("another line")); // other lines are not held back by it
        clock.Advance(TimeSpan.FromSeconds(5)); // 10 s after the first
        Assert.Equal($"{refused} (and 5 more like it in the last 10 s)", gate.Pass(refused));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(refused, gate.Pass(refused)); // nothing held back in between
    }
}
