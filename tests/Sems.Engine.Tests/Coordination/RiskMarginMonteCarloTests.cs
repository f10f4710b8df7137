using Sems.Engine.Coordination;
using Sems.Engine.Districts;
using Xunit;
using Xunit.Abstractions;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// The risk margin holds the limit with the stated probability: plan the worked example with a margin, then draw
/// Gaussian forecast errors with each subsystem's σ at each step (independently, as the margin assumes), add them to
/// the planned draws and count how often the realised district draw exceeds the DSO's 100 kW. At the steps where the
/// plan binds (draws exactly limit − margin) the exceedance rate must be 1 − p within a binomial 99 % interval; without
/// a margin, the plan binds at 100 kW and half the realisations exceed it.
/// </summary>
public sealed class RiskMarginMonteCarloTests(ITestOutputHelper output)
{
    private const int Realizations = 4000;
    private const double Z99 = 2.5758293035489004; // two-sided 99 %: Φ⁻¹(0.995)

    // σ per step, kW: the heat network [3, 3, 2, 3], the EV hub [2, 4, 4, 2]. At steps 1–2 the EV hub's 90 kW leaves the
    // heat network 10 − margin, which stays ≥ 0 up to p = 0.95 (margin 5·1.645 = 8.22 kW at step 1).
    private static readonly double[] HeatSigma = [3, 3, 2, 3];
    private static readonly double[] EvSigma = [2, 4, 4, 2];

    [Theory]
    [InlineData(0.9, 11)]
    [InlineData(0.95, 12)]
    public async Task The_limit_holds_with_the_stated_probability_at_the_binding_steps(double riskLevel, int seed)
    {
        var (planned, binding) = await Plan(riskLevel);
        Assert.Equal([1, 2], binding); // steps 0 and 3 draw 70 kW, far below 100 − margin

        var (exceeded, samples) = Exceedances(planned, binding, seed);
        var rate = (double)exceeded / samples;
        var expected = 1 - riskLevel;
        var tolerance = Z99 * Math.Sqrt(expected * (1 - expected) / samples);
        output.WriteLine($"p = {riskLevel}: {exceeded} of {samples} (step, realisation) pairs above 100 kW: {rate:0.0000} (expected {expected:0.0000} ± {tolerance:0.0000})");
        Assert.True(Math.Abs(rate - expected) <= tolerance, $"exceedance rate {rate:0.0000} at p = {riskLevel}: expected {expected:0.0000} ± {tolerance:0.0000}");

        // Where the plan does not bind the limit holds more often still.
        var (slackExceeded, slackSamples) = Exceedances(planned, [0, 3], seed + 100);
        Assert.True((double)slackExceeded / slackSamples <= expected, $"{slackExceeded} of {slackSamples} above the limit at non-binding steps");
    }

    [Fact]
    public async Task Without_a_margin_half_the_realisations_exceed_the_limit_where_the_plan_binds()
    {
        var (planned, binding) = await Plan(null);
        Assert.Equal([1, 2], binding);

        var (exceeded, samples) = Exceedances(planned, binding, 7);
        var rate = (double)exceeded / samples;
        var tolerance = Z99 * Math.Sqrt(0.25 / samples);
        output.WriteLine($"no margin: {exceeded} of {samples} above 100 kW: {rate:0.0000} (expected 0.5 ± {tolerance:0.0000})");
        Assert.True(Math.Abs(rate - 0.5) <= tolerance, $"exceedance rate {rate:0.0000} without a margin: expected 0.5 ± {tolerance:0.0000}");
    }

    /// <summary>The coordinated plans' electricity draw per subsystem and step, and the steps where the district total binds at limit − margin.</summary>
    private static async Task<(double[][] Planned, int[] Binding)> Plan(double? riskLevel)
    {
        var json = RiskDistricts.WorkedExample(riskLevel, Json(HeatSigma), Json(EvSigma));
        var district = DistrictReader.Read(json).GetDistrictOrThrow();
        var outcome = await LocalCoordinator.RunAsync(district);
        var planned = new[] { "heat-network", "ev-hub" }.Select(id => outcome.Final.Single(r => r.Id == id).DrawKw["electricity"].ToArray()).ToArray();
        // The margin computed here, independently of the engine: z·√(σ_heat² + σ_ev²).
        var z = riskLevel is { } p ? ZOf(p) : 0;
        var binding = Enumerable.Range(0, 4).Where(i =>
            Math.Abs(planned[0][i] + planned[1][i] - (100 - z * Math.Sqrt(HeatSigma[i] * HeatSigma[i] + EvSigma[i] * EvSigma[i]))) < 1e-5).ToArray();
        return (planned, binding);
    }

    /// <summary>How many (realisation, step) pairs over <paramref name="steps"/> see the realised total above 100 kW.</summary>
    private static (int Exceeded, int Samples) Exceedances(double[][] planned, int[] steps, int seed)
    {
        var random = new Random(seed);
        var exceeded = 0;
        for (var n = 0; n < Realizations; n++)
        {
            foreach (var i in steps)
            {
                var realised = planned[0][i] + HeatSigma[i] * Gaussian(random) + planned[1][i] + EvSigma[i] * Gaussian(random);
                if (realised > 100) exceeded++;
            }
        }

        return (exceeded, Realizations * steps.Length);
    }

    /// <summary>A standard normal draw by the Box–Muller transform.</summary>
    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>The tabulated quantiles this test uses (Φ⁻¹), not the engine's approximation.</summary>
    private static double ZOf(double p) => p switch
    {
        0.9 => 1.2815515655446004,
        0.95 => 1.6448536269514722,
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, "no tabulated value"),
    };

    private static string Json(double[] values) => "[" + string.Join(", ", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
