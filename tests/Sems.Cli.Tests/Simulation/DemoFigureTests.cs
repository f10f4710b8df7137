using Sems.Silo.Simulation;
using Sems.Twin.Plants;
using Xunit;

namespace Sems.Cli.Tests.Simulation;

/// <summary>The demo's figures from hand-made runs: which points, labels, window and daily sums they draw.</summary>
public sealed class DemoFigureTests
{
    private static readonly DateTimeOffset Start = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static SimulationResult Run(string name, IReadOnlyList<StepRecord> steps, double costGbp = 0, double co2Kg = 0) =>
        new(new Scenario { Name = name, Days = steps.Count / 96.0 }, steps,
            Kpis.From(steps, 0.25, CaseStudies.DistrictLimitKw, 0.103) with { HeatCostGbp = costGbp, HeatCo2Kg = co2Kg }, TimeSpan.Zero, "{}");

    private static StepRecord EvStep(int k, double gridKw) =>
        new(Start.AddMinutes(15 * k), 0.2, 0.1, 5, null, new EvStepResult(gridKw, 0, 0, gridKw, 0, 0, gridKw, 0), 0, 0, 0);

    [Fact]
    public void The_frontier_has_one_labelled_point_per_weighting_and_one_label_for_coincident_ones()
    {
        // Weightings c, d and e ended at the same cost and CO2 (within 0.5 GBP and 0.5 kg).
        (double Cost, double Co2)[] points = [(100, 900), (110, 700), (130, 500), (130.2, 500.3), (129.9, 499.8)];
        var runs = points.Select((p, k) => Run($"heat-{k}", [], p.Cost, p.Co2)).ToList();

        var figure = DemoReport.Frontier("f.png", "2018 prices", runs);

        Assert.Equal(5, figure.Series.Count);
        Assert.Equal(points.Select(p => p.Cost), figure.Series.Select(s => s.X.Single()));
        Assert.Equal(points.Select(p => p.Co2), figure.Series.Select(s => s.Y.Single()));
        Assert.Equal(["a", "b", "c = d = e", "", ""], figure.Series.Select(s => s.Labels!.Single()));
        Assert.StartsWith("b: α cost 0.98, α CO2 0.02", figure.Series[1].Name, StringComparison.Ordinal);
        Assert.Equal("heating cost (GBP)", figure.XLabel);
        Assert.Equal("CO2 (kg)", figure.YLabel);
    }

    [Fact]
    public void The_limit_figure_draws_the_70_kW_line_over_the_two_days_that_exceeded_it_most()
    {
        // Four days at 50 kW; without coordination day 2 (steps 192–287) draws 100 kW, with coordination nothing exceeds.
        var off = Enumerable.Range(0, 4 * 96).Select(k => EvStep(k, k is >= 192 and < 288 ? 100 : 50)).ToList();
        var on = Enumerable.Range(0, 4 * 96).Select(k => EvStep(k, 50)).ToList();
        var both = new[] { Run("off", off), Run("on", on) };

        var figure = DemoReport.LimitFigure(both);

        Assert.Equal(70, Assert.Single(figure.ReferenceLines!).Y);
        // Windows of days 0–1, 1–2 and 2–3: the first that holds day 2 begins on day 1; 2 days of steps, 193 edges.
        var series = figure.Series[0];
        Assert.Equal(Start.AddDays(1).UtcDateTime.ToOADate(), series.X[0], 9);
        Assert.Equal(Start.AddDays(3).UtcDateTime.ToOADate(), series.X[^1], 9);
        Assert.Equal(192, series.Y.Length);
        Assert.Equal(Enumerable.Repeat(50.0, 96).Concat(Enumerable.Repeat(100.0, 96)), series.Y);
        Assert.All(figure.Series[1].Y, y => Assert.Equal(50, y));

        var daily = DemoReport.DailyViolationFigure(both);
        // By hand: day 2 has 96 steps of 30 kW over the limit for 0.25 h each, 720 kWh; the other days none.
        Assert.Equal([0, 0, 720, 0], daily.Series[0].Y);
        Assert.Equal([0, 0, 0, 0], daily.Series[1].Y);
        Assert.Equal(5, daily.Series[0].X.Length);
    }
}
