using System.Text.Json.Nodes;
using Sems.Contracts;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>
/// The coordinator grain's risk margin (<c>coordination.riskLevel</c>) on the worked example: σ 3 kW (heat network) and
/// 4 kW (EV hub) give √(9 + 16) = 5 kW, at p = 0.95 a margin of 1.644854 · 5 = 8.224268 kW; the heat network is then
/// tightened at steps 1–2 to 100 − 8.224268 − 90 = 1.775732 kW instead of 10 kW. The cost by hand: 0.5 h · 8.224268 kW
/// · (3·0.06/0.9 − 0.15) = 0.205607 (cost weight 1: objective = cost).
/// </summary>
public sealed class RiskMarginGrainTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private const double Margin95 = 5 * 1.6448536269514722;
    private static readonly IEqualityComparer<double> Close = new ToleranceComparer(1e-5);

    [Fact]
    public async Task The_grains_plan_against_the_limit_less_the_margin_and_report_its_cost()
    {
        var report = await Run("risk-file", WithRisk(0.95, heatSigma: 3, evSigma: 4));

        Assert.Equal([70, 100 - Margin95, 100 - Margin95, 70], report.DrawAfterKw["electricity"], Close);
        Assert.Equal([100.0, 100, 100, 100], report.LimitKw["electricity"]);
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);
        Assert.Equal(5.0, report.ViolationBeforeKwh["electricity"], 9); // against the DSO's 100 kW, not the planning limit
        var risk = Assert.IsType<RiskMarginCycle>(report.Risk);
        Assert.All(risk.MarginKw["two-subsystems"]["electricity"], m => Assert.Equal(Margin95, m, 5));
        Assert.All(risk.PlanningLimitKw["two-subsystems"]["electricity"], l => Assert.Equal(100 - Margin95, l, 5));
        Assert.Null(risk.CostNote);
        Assert.Equal(0.5 * Margin95 * 0.05, risk.ObjectiveCost!.Value, 5);
        Assert.Equal(0.5 * Margin95 * (3 * 0.184 / 0.9 - 0.09), risk.FactorTotalsWithMargin["co2"] - risk.FactorTotalsWithoutMargin["co2"], 5);

        // The set-points are the margin plan's, not the reference's: heat pump at 20 kW at step 0 either way, so check
        // the held plan at step 1 instead.
        var held = await fixture.Grains.GetGrain<ISubsystemGrain>("risk-file/heat-network").GetPlan();
        Assert.Equal(10 - Margin95, held!.DrawKw["electricity"][1], 5);
    }

    [Fact]
    public async Task The_grains_path_equals_the_engine_path()
    {
        var json = WithRisk(0.9, heatSigma: 2, evSigma: 5);
        var report = await Run("risk-engine", json);
        var local = await LocalCoordinator.RunAsync(DistrictReader.Read(json).GetDistrictOrThrow());

        Assert.Equal(local.Report.DrawAfterKw["electricity"], report.DrawAfterKw["electricity"], Close);
        Assert.Equal(local.Report.Risk!.MarginKw["two-subsystems"]["electricity"], report.Risk!.MarginKw["two-subsystems"]["electricity"], Close);
        Assert.Equal(local.Report.Risk.ObjectiveWithMargin, report.Risk.ObjectiveWithMargin, 6);
        Assert.Equal(local.Report.Risk.ObjectiveWithoutMargin!.Value, report.Risk.ObjectiveWithoutMargin!.Value, 6);
        Assert.Equal(local.Report.Risk.FactorCost["co2"], report.Risk.FactorTotalsWithMargin["co2"] - report.Risk.FactorTotalsWithoutMargin["co2"], 6);
    }

    [Fact]
    public async Task Economic_mode_in_the_grains_plans_under_the_margin_and_reports_its_cost_by_hand()
    {
        var json = WithRisk(0.95, heatSigma: 3, evSigma: 4, mode: "economic");
        var report = await Run("risk-economic", json);

        Assert.Equal("economic", report.Mode);
        Assert.All(report.DrawAfterKw["electricity"], d => Assert.True(d <= 100 - Margin95 + 1e-4, $"{d} kW above {100 - Margin95} kW"));
        var risk = Assert.IsType<RiskMarginCycle>(report.Risk);
        Assert.Null(risk.CostNote);
        Assert.Equal(0.5 * Margin95 * 0.05, risk.ObjectiveCost!.Value, 4);
        Assert.Equal(0.5 * Margin95 * 0.05, risk.FactorTotalsWithMargin["cost"] - risk.FactorTotalsWithoutMargin["cost"], 4);
    }

    [Fact]
    public async Task The_live_uncertainty_key_sets_the_margin_per_step()
    {
        // No uncertainty in the file; SetForecast gives σ heat [3, 3, 3, 3] and EV [0, 4, 4, 0] kW for cycle 0:
        // margin at steps 0 and 3: 1.644854·3 = 4.934561 kW; at steps 1–2: 8.224268 kW.
        var json = Districts.With(d => d["coordination"] = JsonNode.Parse("""{ "mode": "priority", "riskLevel": 0.95 }"""));
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("risk-live");
        Assert.Empty(await coordinator.Configure(json, ClusterFixture.Epoch));
        Assert.Empty(await fixture.Grains.GetGrain<ISubsystemGrain>("risk-live/heat-network")
            .SetForecast(0, new Dictionary<string, double[]> { ["uncertainty:electricity"] = [3, 3, 3, 3] }));
        Assert.Empty(await fixture.Grains.GetGrain<ISubsystemGrain>("risk-live/ev-hub")
            .SetForecast(0, new Dictionary<string, double[]> { ["uncertainty:electricity"] = [0, 4, 4, 0] }));
        var refused = await fixture.Grains.GetGrain<ISubsystemGrain>("risk-live/ev-hub")
            .SetForecast(0, new Dictionary<string, double[]> { ["uncertainty:electricity"] = [0, -4, 4, 0] });
        Assert.Contains(refused, p => p.StartsWith("uncertainty:electricity[1]: -4 is negative", StringComparison.Ordinal));

        var report = await coordinator.RunCycle();

        Assert.Equal([3 * 1.6448536269514722, Margin95, Margin95, 3 * 1.6448536269514722], report.Risk!.MarginKw["two-subsystems"]["electricity"], Close);
        Assert.Equal([70, 100 - Margin95, 100 - Margin95, 70], report.DrawAfterKw["electricity"], Close);
    }

    [Fact]
    public async Task A_risk_level_out_of_range_in_a_definition_is_refused_naming_it()
    {
        var read = DistrictReader.Read(WithRisk(0.95, 3, 4)).GetDistrictOrThrow();
        var definition = DistrictDefinitions.FromDistrict(read, "x");
        var bad = definition with { Coordination = definition.Coordination! with { RiskLevel = 1.2 } };

        var problems = await fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("risk-bad").Configure(bad, ClusterFixture.Epoch);

        Assert.Contains("coordination.riskLevel: 1.2 is not a probability in [0.5, 0.9999]", problems);
    }

    private static string WithRisk(double riskLevel, double heatSigma, double evSigma, string mode = "priority") => Districts.With(d =>
    {
        d["coordination"] = new JsonObject { ["mode"] = mode, ["riskLevel"] = riskLevel };
        Districts.Subsystem(d, 0)["uncertainty"] = new JsonObject { ["electricity"] = heatSigma };
        Districts.Subsystem(d, 1)["uncertainty"] = new JsonObject { ["electricity"] = evSigma };
    });

    private async Task<CoordinationCycleReport> Run(string key, string json)
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
        Assert.Empty(await coordinator.Configure(json, ClusterFixture.Epoch));
        return await coordinator.RunCycle();
    }
}
