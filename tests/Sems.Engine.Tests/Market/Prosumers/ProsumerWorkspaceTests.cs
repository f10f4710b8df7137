using Sems.Engine.Market;
using static Sems.Engine.Tests.Market.Prosumers.ProsumerCases;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>The warm workspace against cold solves of the same requests: the same optimum at every iteration, caps and infeasible iterations included.</summary>
public sealed class ProsumerWorkspaceTests
{
    [Theory]
    [InlineData(24, 200, 25)]
    [InlineData(96, 300, 8)]
    public void Warm_solves_give_the_cold_optimum_through_changing_prices_and_caps(int steps, int firstSeed, int count)
    {
        var stepHours = 24.0 / steps;
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var (prosumer, first) = Random(seed, steps);
            using var workspace = new ProsumerWorkspace(prosumer, stepHours);
            for (var k = 0; k < 6; k++)
            {
                var request = k == 0 ? first : Perturbed(first, seed, k);
                // Iteration 3 caps the export at 1 kW and the import at 60 % of its limit; iteration 4 drops the caps again.
                if (k == 3) request = request with { ExportCapKw = Fill(steps, 1), ImportCapKw = prosumer.ImportMaxKw.Select(m => 0.6 * m).ToArray() };
                if (k == 4) request = request with { ExportCapKw = null, ImportCapKw = null };
                var warm = workspace.Solve(request);
                var cold = ProsumerSolver.Solve(prosumer, stepHours, request);
                Assert.Equal(cold.Problem, warm.Problem);
                if (cold.Schedule is null) continue;
                var coldCost = cold.Schedule.EnergyCost + cold.Schedule.DiscomfortCost;
                var warmCost = warm.Schedule!.EnergyCost + warm.Schedule.DiscomfortCost;
                Assert.True(Math.Abs(coldCost - warmCost) <= 1e-6, $"seed {seed}, iteration {k}: warm {warmCost:R} ({warm.Path}) against cold {coldCost:R} ({cold.Path})");
                Assert.Equal(k, warm.Schedule.Iteration);
                AssertFeasible(prosumer, request, stepHours, warm);
            }

            Assert.Equal(5, workspace.WarmSolves);
        }
    }

    [Fact]
    public void An_infeasible_iteration_leaves_the_workspace_able_to_solve_the_next()
    {
        // Iteration 1 caps the import at 0 against a 2 kW load: 2 kW short at step 0. Iteration 2 lifts the cap: 2 kW
        // bought at 0.30 in each of 2 hours, cost 1.2, as in iteration 0.
        var p = Prosumer("w", Fill(2, 2), battery: Battery(4));
        using var workspace = new ProsumerWorkspace(p, 1);
        var request = Request("w", Fill(2, 0.30), Fill(2, 0.05));
        Assert.Equal(1.2, workspace.Solve(request).Schedule!.EnergyCost, 1e-9);
        Assert.StartsWith("infeasible: 2 kW short at step 0", workspace.Solve(request with { Iteration = 1, ImportCapKw = Fill(2, 0) }).Problem);
        var again = workspace.Solve(request with { Iteration = 2 });
        Assert.Equal(1.2, again.Schedule!.EnergyCost, 1e-9);
        Assert.Equal([2.0, 2.0], again.Schedule.ImportKw);
    }

    [Fact]
    public async Task A_round_that_keeps_its_models_answers_as_a_cold_round()
    {
        var members = Enumerable.Range(400, 12).Select(seed => Random(seed, 24)).ToList();
        using var warm = new LocalMarketRound(members.Select(m => m.Prosumer).ToList(), 1, 2, keepModels: true);
        var cold = new LocalMarketRound(members.Select(m => m.Prosumer).ToList(), 1, 2);
        for (var k = 0; k < 4; k++)
        {
            var requests = members.Select((m, i) => k == 0 ? m.Request : Perturbed(m.Request, 400 + i, k)).ToList();
            var a = await warm.AskAsync(requests, CancellationToken.None);
            var b = await cold.AskAsync(requests, CancellationToken.None);
            for (var i = 0; i < requests.Count; i++)
            {
                Assert.Equal(b[i].ProsumerId, a[i].ProsumerId);
                Assert.Equal(b[i].Schedule!.EnergyCost + b[i].Schedule!.DiscomfortCost, a[i].Schedule!.EnergyCost + a[i].Schedule!.DiscomfortCost, 1e-6);
            }
        }
    }
}
