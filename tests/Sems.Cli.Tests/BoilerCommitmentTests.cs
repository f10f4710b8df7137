using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// boiler-commitment.json (MILP): the boiler, when on, burns 60–300 kW gas, runs at least 8 steps and rests at least 4;
/// every start costs 2.0 under φ_nrg; heat pump (COP 3) and boiler (0.9) meet the school's heat demand exactly (eq. 18).
/// </summary>
public sealed class BoilerCommitmentTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    private const int N = 96;
    private readonly ExampleSolve solve = examples.BoilerCommitment;

    [Fact]
    public void SolvesWithAPlanAndExitsZero()
    {
        Assert.Equal(0, solve.Run.ExitCode);
        Assert.Contains(solve.Result.GetProperty("status").GetString(), new[] { "optimal", "feasible" });
    }

    [Fact]
    public void BoilerIsOffOrBetweenMinOnAndMax()
    {
        var gas = solve.SupplyDraw("gas-boiler");
        for (var i = 0; i < N; i++)
            Assert.True(Math.Abs(gas[i]) <= 1e-6 || (gas[i] >= 60 - 1e-6 && gas[i] <= 300 + 1e-6), $"step {i}: boiler draws {gas[i]} kW gas");
    }

    [Fact]
    public void HeatBalanceHoldsAtEveryStep()
    {
        var demand = ExampleFile.Series(solve.Subsystem.GetProperty("demands")[0].GetProperty("values"), N);
        var hp = solve.SupplyDraw("heat-pump");
        var gas = solve.SupplyDraw("gas-boiler");
        for (var i = 0; i < N; i++)
        {
            var heat = 3.0 * hp[i] + 0.9 * gas[i];
            Assert.True(Math.Abs(heat - demand[i]) <= 1e-5, $"step {i}: heat {heat} kW, demand {demand[i]} kW");
            Assert.InRange(hp[i], -1e-6, 40 + 1e-6);
        }
    }

    [Fact]
    public void RunsAndRestsRespectMinimumUpAndDownTimes()
    {
        var on = OnFromDraw();
        var runs = Runs(on);
        for (var k = 0; k < runs.Count; k++)
        {
            var (state, start, length) = runs[k];
            var touchesEnd = start + length == N;
            if (state && !touchesEnd) Assert.True(length >= 8, $"boiler on for only {length} steps from step {start}");
            // The initial rest continues the state before step 0 (off for a long time), so it may be short.
            if (!state && start > 0 && !touchesEnd) Assert.True(length >= 4, $"boiler off for only {length} steps from step {start}");
        }
    }

    [Fact]
    public void OnFlagsAgreeWithTheDraw()
    {
        var flags = solve.Result.GetProperty("supplies").GetProperty("gas-boiler")[0].GetProperty("on").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        Assert.Equal(OnFromDraw(), flags);
    }

    [Fact]
    public void StartCostsAreCountedUnderTheEnergyTerm()
    {
        var on = OnFromDraw();
        var starts = Enumerable.Range(0, N).Count(i => on[i] && (i == 0 || !on[i - 1])); // initiallyOn defaults to false: on at step 0 is a start
        var terms = solve.Result.GetProperty("terms");
        var price = ExampleFile.Factor(solve.District, "cost", "electricity", N);
        var gasPrice = ExampleFile.Factor(solve.District, "cost", "gas", N);
        var hp = solve.SupplyDraw("heat-pump");
        var gas = solve.SupplyDraw("gas-boiler");
        var cost = Enumerable.Range(0, N).Sum(i => 0.25 * (price[i] * hp[i] + gasPrice[i] * gas[i]));

        Assert.True(starts >= 1, "the boiler must start: demand exceeds the heat pump's 120 kW");
        Assert.Equal(cost, terms.GetProperty("byFactor").GetProperty("cost").GetDouble(), 1e-4);
        Assert.Equal(2.0 * starts, terms.GetProperty("startCosts").GetDouble(), 1e-6);
        // φ_nrg = 1, α cost 1, α co2 0.
        Assert.Equal(cost + 2.0 * starts, terms.GetProperty("energy").GetDouble(), 1e-4);
        Assert.Equal(cost + 2.0 * starts, solve.Result.GetProperty("objective").GetDouble(), 1e-4);
    }

    private bool[] OnFromDraw() => solve.SupplyDraw("gas-boiler").Select(v => v > 1e-6).ToArray();

    private static List<(bool State, int Start, int Length)> Runs(bool[] on)
    {
        var runs = new List<(bool, int, int)>();
        var start = 0;
        for (var i = 1; i <= on.Length; i++)
        {
            if (i < on.Length && on[i] == on[start]) continue;
            runs.Add((on[start], start, i - start));
            start = i;
        }

        return runs;
    }
}
