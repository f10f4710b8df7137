using Sems.Engine.Coordination;
using Sems.Engine.Coordination.Economic;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Xunit;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// The coordinator's risk margin z(p)·√(Σ σ²) on the worked example, by hand: σ 3 kW (heat network) and 4 kW (EV hub)
/// give √(9 + 16) = 5 kW; p = 0.95 gives z = 1.644854 and a margin of 8.224268 kW, so the district is planned against
/// 100 − 8.224268 = 91.775732 kW.
/// </summary>
public sealed class RiskMarginTests
{
    private const double Z95 = 1.6448536269514722; // tabulated Φ⁻¹(0.95)
    private const double Margin95 = 5 * Z95;

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.8413447460685429, 1.0)] // Φ(1)
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.95, 1.6448536269514722)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.9999, 3.719016485455709)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(0.001, -3.090232306167813)]
    public void The_normal_quantile_matches_tabulated_values(double p, double z)
    {
        // Acklam's approximation: relative error below 1.15·10⁻⁹, so within 5·10⁻⁹ for |z| ≤ 3.72.
        Assert.InRange(StandardNormal.Quantile(p) - z, -5e-9, 5e-9);
    }

    [Fact]
    public void Two_subsystems_of_sigma_3_and_4_kW_give_a_margin_of_8_22_kW_at_95_percent()
    {
        var participants = new[] { Participant("a", 3), Participant("b", 4) };
        var margins = RiskMargin.Plan(LimitTree.Flat("root", Limit(100)), participants, 0.95, 4);

        Assert.InRange(margins.Z - Z95, -5e-9, 5e-9);
        Assert.All(margins.MarginKw["root"]["electricity"], m => Assert.Equal(Margin95, m, 6));
        Assert.All(margins.PlanningLimits.ImportMaxKw[0]["electricity"], l => Assert.Equal(100 - Margin95, l, 6));
        Assert.Equal(8.22, Math.Round(margins.MarginKw["root"]["electricity"][0], 2));
        Assert.Empty(margins.Warnings);
    }

    [Fact]
    public void A_node_counts_only_the_subsystems_below_it()
    {
        // Root (100 kW) with feeder "f" (40 kW): a (σ 3) sits at f, b (σ 4) at the root. f: z·3; root: z·5.
        var tree = new LimitTree(["root", "f"], [-1, 0], [Limit(100), Limit(40)]);
        var margins = RiskMargin.Plan(tree, [Participant("a", 3) with { Node = "f" }, Participant("b", 4)], 0.95, 4);

        Assert.Equal(3 * Z95, margins.MarginKw["f"]["electricity"][2], 6);
        Assert.Equal(5 * Z95, margins.MarginKw["root"]["electricity"][2], 6);
        Assert.Equal(40 - 3 * Z95, margins.PlanningLimits.ImportMaxKw[1]["electricity"][2], 6);
    }

    [Fact]
    public void A_margin_above_its_limit_plans_against_0_kW_and_says_where()
    {
        // σ 3 and 4 at p = 0.99: 5 · 2.326348 = 11.63 kW against a limit of [100, 10, 100, 100] kW.
        var limit = new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = new double[] { 100, 10, 100, 100 } };
        var margins = RiskMargin.Plan(LimitTree.Flat("root", limit), [Participant("a", 3), Participant("b", 4)], 0.99, 4);

        Assert.Equal(0.0, margins.PlanningLimits.ImportMaxKw[0]["electricity"][1]);
        Assert.Equal(100 - 5 * 2.3263478740408408, margins.PlanningLimits.ImportMaxKw[0]["electricity"][0], 6);
        var warning = Assert.Single(margins.Warnings);
        Assert.Contains("node root, electricity, step 1", warning);
        Assert.Contains("11.632 kW", warning);
        Assert.Contains("importMax 10 kW", warning);
    }

    [Theory]
    [InlineData(0.4999)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_risk_level_outside_its_range_is_refused_naming_it(double riskLevel)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RiskMargin.Plan(LimitTree.Flat("root", Limit(100)), [Participant("a", 3)], riskLevel, 4));
        Assert.Contains("riskLevel", error.Message);
    }

    [Fact]
    public async Task Algorithm_1_plans_the_district_under_the_limit_less_the_margin_and_reports_the_margins_cost()
    {
        // Without the margin the heat network is tightened at steps 1–2 to 100 − 90 = 10 kW; with it to
        // 91.775732 − 90 = 1.775732 kW. Each kW of heat pump replaced by the boiler costs 3·0.06/0.9 − 0.15 = 0.05 per
        // kWh of electricity and adds 3·0.184/0.9 − 0.09 = 0.523333 kgCO2; over 2 steps × 0.25 h that is
        // 0.5 h · 8.224268 kW · 0.05 = 0.205607 (cost, = objective) and 0.5 · 8.224268 · 0.523333 = 2.152017 kgCO2.
        var district = DistrictReader.Read(RiskDistricts.WorkedExample(0.95, "3", "4")).GetDistrictOrThrow();
        var outcome = await LocalCoordinator.RunAsync(district);
        var report = outcome.Report;

        var draw = report.DrawAfterKw["electricity"];
        Assert.Equal([70, 100 - Margin95, 100 - Margin95, 70], draw.Select(v => Math.Round(v, 6)).ToArray(), new Close(1e-5));
        var heat = outcome.Final.Single(r => r.Id == "heat-network");
        Assert.Equal(10 - Margin95, heat.DrawKw["electricity"][1], 5);
        // The report stays against the DSO's 100 kW: no violation after.
        Assert.All(report.LimitKw["electricity"], l => Assert.Equal(100.0, l));
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);

        var risk = Assert.IsType<RiskMarginReport>(report.Risk);
        Assert.Equal(0.95, risk.RiskLevel);
        Assert.All(risk.MarginKw["two-subsystems"]["electricity"], m => Assert.Equal(Margin95, m, 6));
        Assert.All(risk.PlanningLimitKw["two-subsystems"]["electricity"], l => Assert.Equal(100 - Margin95, l, 6));
        Assert.Equal(0.0, risk.ShortfallKwh["two-subsystems"]["electricity"], 9);
        Assert.Equal(0.5 * Margin95 * 0.05, risk.ObjectiveCost!.Value, 5);
        Assert.Equal(0.5 * Margin95 * 0.05, risk.FactorCost["cost"], 5);
        Assert.Equal(0.5 * Margin95 * (3 * 0.184 / 0.9 - 0.09), risk.FactorCost["co2"], 5);
        // The plan without the margin is the one coordination gives without riskLevel: 3.25 + 0.5·20·0.15·... by hand:
        // heat network 2.25 + 1.0 (see CoordinateCommandTests), EV hub (50 + 90 + 90 + 50)·0.25·0.15 = 10.5.
        Assert.Equal(13.75, risk.ObjectiveWithoutMargin!.Value, 6);
    }

    [Fact]
    public async Task The_parallel_priority_mode_gives_the_sequential_risk_plan()
    {
        var district = DistrictReader.Read(RiskDistricts.WorkedExample(0.95, "3", "4")).GetDistrictOrThrow();
        var sequential = await LocalCoordinator.RunAsync(district);
        var parallel = await LocalCoordinator.RunParallelAsync(district, batchSize: 2);

        Assert.Equal(sequential.Report.DrawAfterKw["electricity"], parallel.Report.DrawAfterKw["electricity"], new Close(1e-6));
        Assert.Equal(sequential.Report.Risk!.ObjectiveCost!.Value, parallel.Report.Risk!.ObjectiveCost!.Value, 6);
    }

    [Fact]
    public void The_centralised_reference_holds_the_limit_less_the_margin()
    {
        // One joint LP: the cheapest way to shed 8.224268 kW more at steps 1–2 is the heat pump again (the EV hub has no
        // alternative), so the joint plan costs the Algorithm 1 plan's 13.75 + 0.205607.
        var district = DistrictReader.Read(RiskDistricts.WorkedExample(0.95, "3", "4")).GetDistrictOrThrow();
        var reference = CentralisedPlanner.Reference(district);

        Assert.True(reference.HasPlans);
        Assert.Equal(13.75 + 0.5 * Margin95 * 0.05, reference.Plans.Sum(p => p.Objective), 5);
        var total = Enumerable.Range(0, 4).Select(i => reference.Plans.Sum(p => p.DrawKw["electricity"][i])).ToArray();
        Assert.All(total, t => Assert.True(t <= 100 - Margin95 + 1e-6, $"{t} kW above {100 - Margin95} kW"));
    }

    [Fact]
    public async Task Economic_mode_plans_under_the_limit_less_the_margin_too()
    {
        var district = DistrictReader.Read(RiskDistricts.WorkedExample(0.95, "3", "4", mode: "economic")).GetDistrictOrThrow();
        var outcome = await EconomicLocal.RunAsync(district);

        var total = Enumerable.Range(0, 4).Select(i => outcome.Final.Sum(p => p.DrawKw["electricity"][i])).ToArray();
        Assert.All(total, t => Assert.True(t <= 100 - Margin95 + 1e-4, $"{t} kW above {100 - Margin95} kW"));
        var risk = Assert.IsType<RiskMarginReport>(outcome.Risk);
        Assert.Equal(0.5 * Margin95 * 0.05, risk.ObjectiveCost!.Value, 4);
    }

    [Fact]
    public async Task Without_a_risk_level_nothing_changes()
    {
        var district = DistrictReader.Read(RiskDistricts.WorkedExample(null, "3", "4")).GetDistrictOrThrow();
        var outcome = await LocalCoordinator.RunAsync(district);

        Assert.Null(outcome.Report.Risk);
        Assert.Equal([70.0, 100, 100, 70], outcome.Report.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
    }

    private static CoordinationParticipant Participant(string id, double sigma) =>
        new(id, id == "a" ? 1 : 2, new Dictionary<string, IReadOnlyList<double>>(), new Dictionary<string, IReadOnlyList<double>>())
        {
            UncertaintyKw = new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = Enumerable.Repeat(sigma, 4).ToArray() },
        };

    private static Dictionary<string, IReadOnlyList<double>> Limit(double kw) => new() { ["electricity"] = Enumerable.Repeat(kw, 4).ToArray() };

    private sealed class Close(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
