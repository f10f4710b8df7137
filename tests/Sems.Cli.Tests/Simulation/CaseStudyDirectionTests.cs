using Sems.Silo.Simulation;
using Xunit;

namespace Sems.Cli.Tests.Simulation;

/// <summary>
/// The case studies on a shortened (one-day) run, through the grains and the twin: each must move in the direction
/// the paper reports. These are outcome checks of the whole loop, not numbers echoed from the code.
/// </summary>
public sealed class CaseStudyDirectionTests
{
    private const double Days = 1;

    [Fact]
    public async Task Delaying_ev_charging_raises_pv_utilisation_and_lowers_cost()
    {
        var runs = await Simulations.RunAsync(CaseStudies.EvPv(Days, seed: 3), TextWriter.Null);
        var (plain, delayed) = (runs[0].Kpis, runs[1].Kpis);
        Assert.True(delayed.PvUtilisationPercent > plain.PvUtilisationPercent, $"{delayed.PvUtilisationPercent} ≤ {plain.PvUtilisationPercent}");
        Assert.True(delayed.EvCostGbp < plain.EvCostGbp);
        Assert.Equal(0, plain.EvDelayedKwh);
        // Delay moves energy, it does not lose it: charging served + still owed = requested.
        var requested = runs[1].Steps.Sum(s => s.Ev!.DemandKw) * 0.25;
        Assert.Equal(requested, delayed.EvChargingKwh + delayed.EvBacklogEndKwh, 6);
    }

    [Fact]
    public async Task Coordination_cuts_limit_violations_planned_from_the_last_reading()
    {
        // SEMS plans the step about to start from the meters' last reading, not from the twin's truth of that step, so
        // the realised violation keeps what the EV demand's step-to-step changes bring (nowcast error): on this day
        // coordination cuts it by about a sixth (with the true demand of the step handed over, it cut it by over 90 %).
        var runs = await Simulations.RunAsync(CaseStudies.Coordinated(Days, seed: 3), TextWriter.Null);
        var (off, on) = (runs[0].Kpis, runs[1].Kpis);
        Assert.True(off.LimitViolationSumKw > 0, "without coordination the limit must be violated for this test to mean something");
        Assert.True(on.LimitViolationSumKw <= 0.9 * off.LimitViolationSumKw, $"violation {on.LimitViolationSumKw} kW against {off.LimitViolationSumKw} kW");
        Assert.True(on.Resolves > 0);
        Assert.Equal(0, off.Resolves);
    }

    [Fact]
    public async Task A_heavier_co2_weight_never_raises_co2_and_runs_are_reproducible()
    {
        var scenarios = CaseStudies.HeatNetwork(Days, seed: 3);
        var runs = await Simulations.RunAsync([.. scenarios, scenarios[0]], TextWriter.Null);
        for (var k = 1; k < scenarios.Count; k++)
            Assert.True(runs[k].Kpis.HeatCo2Kg <= runs[k - 1].Kpis.HeatCo2Kg + 1e-6, $"weighting {k}: {runs[k].Kpis.HeatCo2Kg} kg > {runs[k - 1].Kpis.HeatCo2Kg} kg");
        Assert.Equal(runs[0].Kpis, runs[^1].Kpis);
        Assert.Equal(runs[0].Steps.Select(s => s.Heat!.NetworkTemperatureC), runs[^1].Steps.Select(s => s.Heat!.NetworkTemperatureC));
    }
}
