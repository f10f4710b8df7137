using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Mpc;

public sealed class SquaredSlackApproximationTests
{
    [Theory]
    [InlineData(8, 8.0)]
    [InlineData(10, 10.0)]
    [InlineData(3, 2.0)]
    public void Over_approximates_eps_squared_within_the_documented_bound_on_the_range(int segments, double range)
    {
        var approximation = new SquaredSlackApproximation(segments, range);
        var bound = range * range / (4.0 * segments * segments);
        var worst = 0.0;
        for (var k = 0; k <= 100_000; k++)
        {
            var epsilon = range * k / 100_000;
            var error = approximation.Evaluate(epsilon) - epsilon * epsilon;
            Assert.True(error >= -1e-12, $"under-estimates at ε = {epsilon}");
            worst = Math.Max(worst, error);
        }

        Assert.Equal(bound, approximation.MaxError, 12);
        Assert.Equal(bound, worst, 9); // reached at segment midpoints, which lie on the grid
    }

    [Fact]
    public void Is_exact_at_breakpoints_and_linear_beyond_the_range()
    {
        var approximation = new SquaredSlackApproximation(4, 8);
        foreach (var e in new[] { 0.0, 2, 4, 6, 8 }) Assert.Equal(e * e, approximation.Evaluate(e), 12);
        // Beyond R the last chord (6→8, slope 14) continues: 64 + 14·2 = 92 at ε = 10, below 100.
        Assert.Equal(92, approximation.Evaluate(10), 12);
    }

    [Fact]
    public void The_solved_model_prices_slack_by_the_chord_interpolant_and_reports_the_exact_term()
    {
        // A zone that cannot be influenced (heater max 0) decays from 30 °C: x = 30, 15, 7.5, 3.75 and terminal 1.875
        // against a 20–22 band. Slack ε = 8, 5, 12.5, 16.25, 18.125; exact Σε² = 64 + 25 + 156.25 + 264.0625 + 328.515625
        // = 837.828125, per hour (Δt = 0.25 h) 209.45703125.
        // With R = 20, K = 8 (h = 2.5): chords give 65 (ε = 8), 25, 156.25 (breakpoints), 265.625 (ε = 16.25, a midpoint:
        // the worst case h²/4 = 1.5625), 329.6875 (ε = 18.125: 306.25 + 37.5·0.625) → 841.5625, per hour 210.390625.
        // The reachable slack (18.125 with no heat) lies within R, so no tail segments are added.
        var result = TestDistricts.SolveOne(4, """{ "cost": { "electricity": 0.2 } }""", """
            { "id": "zone", "priority": 1,
              "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 0 } ] } ],
              "demands": [ { "id": "z", "kind": "stateSpace", "A": [[0.5]], "B": { "heat": [[1]] }, "C": [[1]], "x0": [30],
                             "band": { "lower": 20, "upper": 22 }, "slackWeight": 1 } ],
              "weights": { "energy": 0, "storage": 0, "comfort": 1 } }
            """, MpcOptions.Default with { SlackSegments = 8, SlackRange = 20 });
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal([8, 5, 12.5, 16.25], result.Demands[0].Slack[0].Select(v => Math.Round(v, 9)));
        Assert.Equal(18.125, result.Demands[0].TerminalSlack[0], 9);
        Assert.Equal(209.45703125, result.Objective, 6);
        Assert.Equal(210.390625, result.ModelObjective, 6);
    }
}
