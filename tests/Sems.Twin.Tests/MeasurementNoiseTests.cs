using Sems.Twin;

namespace Sems.Twin.Tests;

public sealed class MeasurementNoiseTests
{
    private static readonly DateTimeOffset T0 = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deterministic_from_seed_stream_and_time()
    {
        var a = new MeasurementNoise(5);
        var b = new MeasurementNoise(5);
        Assert.Equal(a.StandardNormal("estate/heat-kw", T0), b.StandardNormal("estate/heat-kw", T0));

        // Order independence: drawing other values first changes nothing.
        var first = a.StandardNormal("pv/power-kw", T0.AddMinutes(15));
        for (var k = 0; k < 100; k++)
        {
            _ = b.StandardNormal("pv/power-kw", T0.AddMinutes(k));
        }

        Assert.Equal(first, b.StandardNormal("pv/power-kw", T0.AddMinutes(15)));
    }

    [Fact]
    public void Streams_seeds_and_times_give_different_values()
    {
        var noise = new MeasurementNoise(5);
        var x = noise.StandardNormal("estate/heat-kw", T0);
        Assert.NotEqual(x, noise.StandardNormal("pv/power-kw", T0));
        Assert.NotEqual(x, noise.StandardNormal("estate/heat-kw", T0.AddMinutes(15)));
        Assert.NotEqual(x, new MeasurementNoise(6).StandardNormal("estate/heat-kw", T0));
    }

    [Fact]
    public void Standard_normal_statistics()
    {
        var noise = new MeasurementNoise(11);
        var z = Enumerable.Range(0, 40_000).Select(k => noise.StandardNormal("s", T0.AddMinutes(k))).ToArray();
        var mean = z.Average();
        var sd = Math.Sqrt(z.Select(v => (v - mean) * (v - mean)).Sum() / (z.Length - 1));
        Assert.InRange(mean, -0.02, 0.02);   // 4σ of the sample mean is 0.02
        Assert.InRange(sd, 0.98, 1.02);
        Assert.InRange(z.Count(v => Math.Abs(v) > 1.96) / (double)z.Length, 0.045, 0.055);

        // Two streams are uncorrelated.
        var w = Enumerable.Range(0, 40_000).Select(k => noise.StandardNormal("other", T0.AddMinutes(k))).ToArray();
        var correlation = z.Zip(w).Sum(p => p.First * p.Second) / z.Length;
        Assert.InRange(correlation, -0.02, 0.02);
    }

    [Fact]
    public void Measure_adds_absolute_and_relative_noise()
    {
        var exact = new MeasurementNoise(3);
        Assert.Equal(250.0, exact.Measure("m", T0, 250.0));

        var noise = new MeasurementNoise(3, absoluteStdDev: 3.0, relativeStdDev: 0.04);
        var sigma = Math.Sqrt(3.0 * 3.0 + (0.04 * 100.0) * (0.04 * 100.0)); // 5
        Assert.Equal(100.0 + sigma * noise.StandardNormal("m", T0), noise.Measure("m", T0, 100.0), 12);
        Assert.Equal(2.0 * noise.StandardNormal("m", T0), noise.Sample("m", T0, 2.0), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeasurementNoise(1, -1.0));
    }
}
