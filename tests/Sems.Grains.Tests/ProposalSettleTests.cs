using Microsoft.Extensions.DependencyInjection;
using Sems.Contracts;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Grains.Tests;

/// <summary>
/// Settling a proposal: a <see cref="ISubsystemGrain.Resolve"/> under exactly the caps of this cycle's
/// <see cref="ISubsystemGrain.ProposeResolve"/> adopts the proposal without solving again (the pool counts no solve),
/// and holds the plan a cold engine solve of the capped problem gives; other caps are solved.
/// </summary>
public sealed class ProposalSettleTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    [Fact]
    public async Task Resolve_under_a_proposals_caps_adopts_it_and_other_caps_are_solved()
    {
        var start = fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(15);
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("settle");
        Assert.Empty(await coordinator.Configure(Districts.Example("heat-network.json"), start));
        var grain = fixture.Grains.GetGrain<ISubsystemGrain>("settle/greenwich-heat");
        var pool = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<SolverPool>();
        var plan = await grain.Plan(0, 1);
        Assert.Equal("optimal", plan.Status);

        var caps = new Dictionary<string, double[]> { ["electricity"] = plan.DrawKw["electricity"].Select((kw, i) => i is >= 30 and <= 50 ? 0.8 * kw : 60.0).ToArray() };
        var runs = pool.Runs;
        var proposed = await grain.ProposeResolve(0, caps);
        Assert.Equal(runs + 1, pool.Runs);

        runs = pool.Runs;
        var settled = await grain.Resolve(0, caps.ToDictionary(c => c.Key, c => c.Value.ToArray()));
        Assert.Equal(runs, pool.Runs);
        Assert.Equal(proposed.Objective, settled.Objective);
        Assert.Equal(proposed.DrawKw["electricity"], settled.DrawKw["electricity"]);

        // The held plan is the capped problem's optimum, as a cold solve outside Orleans finds it.
        var district = DistrictReader.Read(Districts.Example("heat-network.json")).GetDistrictOrThrow();
        var cold = SubsystemSolver.Solve(district, district.Subsystems[0].WithResourceMax("electricity", Series.Of(caps["electricity"])));
        Assert.Equal(cold.Objective, settled.Objective, 1e-6 * Math.Abs(cold.Objective));

        var other = new Dictionary<string, double[]> { ["electricity"] = caps["electricity"].Select(kw => 0.95 * kw).ToArray() };
        runs = pool.Runs;
        await grain.Resolve(0, other);
        Assert.Equal(runs + 1, pool.Runs);
    }
}
