using Sems.Silo.Simulation;
using Xunit;

namespace Sems.Cli.Tests.Simulation;

/// <summary>
/// Case (c) for one day with SEMS's own learned forecasts (weather features, within-day correction), with and without
/// a risk level: the forecast grain's uncertainty key reaches the coordinator and its margin keeps the realised draw
/// under the limit more often. Steps over the limit are counted here from the twin's plants, not by the KPI code.
/// </summary>
public sealed class RiskLevelLoopTests
{
    [Fact]
    public async Task A_risk_level_on_learned_forecasts_lowers_the_steps_over_the_limit()
    {
        var learned = CaseStudies.Coordinated(1, seed: 1)[1] with { Forecasts = CaseStudies.LearnedMethod };
        var runs = await Simulations.RunAsync([learned with { Name = "risk-off" }, learned with { Name = "risk-on", RiskLevel = 0.95 }], TextWriter.Null);
        int Over(SimulationResult run) => run.Steps.Count(s => s.Heat!.HeatPumpElectricKw + s.Ev!.GridKw > CaseStudies.DistrictLimitKw + 1e-6);
        var (off, on) = (Over(runs[0]), Over(runs[1]));
        Assert.True(off >= 5, $"without a margin only {off} steps are over the limit: too few for the test to mean something");
        Assert.True(on < off, $"{on} steps over the limit with riskLevel 0.95, {off} without");
        // The margin was applied: positive at the first step of every cycle once the grain has served enough horizons.
        Assert.All(runs[0].Steps, s => Assert.Equal(0, s.RiskMarginKw));
        Assert.True(runs[1].Steps.Count(s => s.RiskMarginKw > 0) >= runs[1].Steps.Count * 9 / 10, "the margin must be on in at least 90 % of the cycles");
    }
}
