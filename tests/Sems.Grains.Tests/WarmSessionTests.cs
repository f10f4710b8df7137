using Microsoft.Extensions.DependencyInjection;
using Sems.Contracts;
using Sems.Engine.Districts;
using Sems.Engine.Horizon;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Grains.Tests;

/// <summary>
/// A subsystem grain solving in its warm session: its plans across three cycles, and a tightened re-solve, against cold
/// engine solves of the same problems chained outside Orleans (each cycle's initial state predicted by the previous plan).
/// </summary>
public sealed class WarmSessionTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private const double Relative = 1e-6;

    [Fact]
    public async Task Plans_across_three_cycles_and_a_tightened_resolve_equal_cold_solves()
    {
        var start = fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(15);
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("warm");
        Assert.Empty(await coordinator.Configure(Districts.Example("heat-network.json"), start));
        var grain = fixture.Grains.GetGrain<ISubsystemGrain>("warm/greenwich-heat");
        var pool = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<SolverPool>();

        var district = DistrictReader.Read(Districts.Example("heat-network.json")).GetDistrictOrThrow();
        SubsystemResult? previous = null;
        Subsystem? previousSubsystem = null;
        var problem = (District: district, Subsystem: district.Subsystems[0]);
        for (var cycle = 0; cycle < 3; cycle++)
        {
            var plan = await grain.Plan(cycle, 1);
            problem = Cycle(district, cycle, previousSubsystem, previous);
            var cold = SubsystemSolver.Solve(problem.District, problem.Subsystem);
            Assert.Equal("optimal", plan.Status);
            Assert.True(Close(cold.Objective, plan.Objective), $"cycle {cycle}: grain {plan.Objective:R}, cold {cold.Objective:R}");
            Assert.True(Close(cold.Terms!.ByFactor["cost"], plan.Terms!.ByFactor["cost"]), $"cycle {cycle}: cost {plan.Terms.ByFactor["cost"]:R}, cold {cold.Terms.ByFactor["cost"]:R}");
            Assert.Contains(cycle == 0 ? "(file)" : "(predicted)", plan.InitialState, StringComparison.Ordinal);
            (previous, previousSubsystem) = (cold, problem.Subsystem);
        }

        Assert.True(pool.WarmSessionCount >= 1);
        var max = previous!.DrawKw["electricity"].Select((kw, i) => i is >= 30 and <= 50 ? 0.8 * kw : 60.0).ToArray();
        var tightened = await grain.Resolve(2, new Dictionary<string, double[]> { ["electricity"] = max });
        var coldTightened = SubsystemSolver.Solve(problem.District, problem.Subsystem.WithResourceMax("electricity", Series.Of(max)));
        Assert.Equal("optimal", tightened.Status);
        Assert.True(Close(coldTightened.Objective, tightened.Objective), $"tightened: grain {tightened.Objective:R}, cold {coldTightened.Objective:R}");
        Assert.True(tightened.Objective > previous.Objective);
    }

    [Fact]
    public async Task The_pool_keeps_at_most_its_cap_of_sessions_dropping_the_least_recently_used()
    {
        var district = DistrictReader.Read(Districts.Example("ev-pv-hub.json")).GetDistrictOrThrow();
        using var pool = new SolverPool(1, maxWarmSessions: 2);
        foreach (var owner in new[] { "a", "b", "a", "c" })
            Assert.True((await pool.RunAsync(owner, session => session.Solve(district, district.Subsystems[0]))).Result.HasPlan);

        // "b" was used least recently when "c" came: it lost its session; "a" and "c" are still loaded (warm next).
        Assert.Equal(2, pool.WarmSessionCount);
        Assert.True(await pool.RunAsync("a", session => session.IsLoaded));
        Assert.True(await pool.RunAsync("c", session => session.IsLoaded));
        Assert.False(await pool.RunAsync("b", session => session.IsLoaded));
        pool.Release("b");
        Assert.Equal(1, pool.WarmSessionCount);
    }

    private static bool Close(double expected, double actual) => Math.Abs(expected - actual) <= Relative * Math.Max(1, Math.Abs(expected));

    private static (District District, Subsystem Subsystem) Cycle(District district, int cycle, Subsystem? previousSubsystem, SubsystemResult? previous)
    {
        var shifted = RecedingHorizon.Shift(district, cycle);
        var subsystem = shifted.Subsystems[0];
        if (previous is not null && previousSubsystem is not null)
        {
            var (soc, states) = StatePrediction.Next(previousSubsystem, previous);
            subsystem = RecedingHorizon.WithInitialState(subsystem, subsystem.Stores.ToDictionary(st => st.Id, st => Math.Clamp(soc[st.Id], st.SocMin, st.SocMax), StringComparer.Ordinal), states);
        }

        return (shifted with { Subsystems = [subsystem] }, subsystem);
    }
}
