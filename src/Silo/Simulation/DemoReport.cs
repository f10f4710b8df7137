using System.Globalization;
using Sems.Silo.Reporting;
using Sems.Twin.Plants;

namespace Sems.Silo.Simulation;

/// <summary>
/// Turns the case-study runs into the tables printed beside the paper's numbers and the report folder's sections:
/// the cost/CO2 frontier (Fig. 9), the heat mix (Fig. 10), store temperature against price (Fig. 11), EV charging with
/// delay (Fig. 13 / Table 3) and the district-limit violation without and with coordination (Fig. 14).
/// </summary>
public static class DemoReport
{
    /// <summary>O'Dwyer et al. Table 3 (14 days of November 2018): no delay, delay.</summary>
    public static readonly (double Utilisation, double Contribution, double Cost, double Co2)[] PaperTable3 = [(54.0, 45.2, 746, 1339), (60.7, 50.8, 670, 1206)];

    public static IReadOnlyList<ReportTable> Tables(IReadOnlyList<SimulationResult> heat, IReadOnlyList<SimulationResult> ev, IReadOnlyList<SimulationResult> both)
    {
        var tables = new List<ReportTable>();
        if (heat.Count > 0)
        {
            tables.Add(new ReportTable("(a) Heat network alone: cost and CO2 per objective weighting (paper Figs. 9–10)",
                ["weighting", "α cost", "α CO2", "cost (GBP)", "CO2 (kg)", "heat pump (%)", "boilers (%)", "store (%)", "band violation (°C·h)"],
                heat.Select((r, k) =>
                {
                    var w = CaseStudies.Weightings[k];
                    var k2 = r.Kpis;
                    var total = k2.HeatPumpHeatKwh + k2.BoilerHeatKwh + k2.StoreDischargeKwh;
                    return (IReadOnlyList<string>)[w.Label, F(w.Cost, 2), F(w.Co2, 2), F(k2.HeatCostGbp, 0), F(k2.HeatCo2Kg, 0),
                        F(100 * k2.HeatPumpHeatKwh / total, 1), F(100 * k2.BoilerHeatKwh / total, 1), F(100 * k2.StoreDischargeKwh / total, 1), F(k2.BandViolationDegreeHours, 2)];
                }).ToList(),
                "Paper: a Pareto frontier in which spending more buys lower emissions with diminishing returns, and less gas as the CO2 weight grows (no figures are tabulated)."));
        }

        if (ev.Count == 2)
        {
            tables.Add(new ReportTable("(b) EV/PV hub alone, without and with delayed charging (paper Table 3)",
                ["case", "PV utilisation (%)", "paper", "PV contribution (%)", "paper", "cost (GBP)", "paper", "CO2 (kg)", "paper"],
                ev.Select((r, k) => (IReadOnlyList<string>)[k == 0 ? "no delay" : "delay",
                    F(r.Kpis.PvUtilisationPercent, 1), F(PaperTable3[k].Utilisation, 1), F(r.Kpis.PvContributionPercent, 1), F(PaperTable3[k].Contribution, 1),
                    F(r.Kpis.EvCostGbp, 0), F(PaperTable3[k].Cost, 0), F(r.Kpis.EvCo2Kg, 0), F(PaperTable3[k].Co2, 0)]).ToList()));
        }

        if (both.Count >= 2)
        {
            var (off, on) = (both[0].Kpis, both[1].Kpis);
            var ml = both.Count > 2 ? both[2].Kpis : null;
            IReadOnlyList<string> Row(string measure, Func<Kpis, double> value, int decimals, string paper) =>
                ml is null
                    ? [measure, F(value(off), decimals), F(value(on), decimals), Percent(value(off), value(on)), paper]
                    : [measure, F(value(off), decimals), F(value(on), decimals), Percent(value(off), value(on)), paper, F(value(ml), decimals), Percent(value(off), value(ml))];
            tables.Add(new ReportTable($"(c) Both subsystems under a {F(CaseStudies.DistrictLimitKw, 0)} kW limit on heat pumps + EV chargers (paper §4.5, Fig. 14)",
                ml is null
                    ? ["measure", "without coordination", "with coordination", "change", "paper"]
                    : ["measure", "without coordination", "with coordination", "change", "paper", $"coordinated, learned forecasts ({CaseStudies.LearnedMethod}), riskLevel {F(CaseStudies.LearnedRiskLevel, 2)}", "change"],
                [
                    Row("violation, sum of magnitudes (kW)", k => k.LimitViolationSumKw, 0, "−97 %"),
                    Row("violation energy (kWh)", k => k.LimitViolationKwh, 1, "—"),
                    Row("steps over the limit", k => k.StepsOverLimit, 0, "—"),
                    Row("heating subsystem cost (GBP)", k => k.HeatCostGbp, 0, "+8.9 %"),
                    Row("heating subsystem CO2 (kg)", k => k.HeatCo2Kg, 0, "+20.8 %"),
                    Row("network band violation (°C·h)", k => k.BandViolationDegreeHours, 2, "—"),
                    Row("EV hub cost (GBP)", k => k.EvCostGbp, 0, "—"),
                    Row("peak HP + EV grid draw (kW)", k => k.PeakGridKw, 1, "—"),
                    Row("coordination re-solves", k => k.Resolves, 0, "—"),
                ],
                ml is null ? null : "Learned forecasts: the forecast grains forecast heat load, EV demand and PV from the twin's measured history and a day-ahead weather forecast (the twin's weather with a lead-time error), retrained daily and corrected every cycle from the latest measurements; the coordinator keeps a margin of z·σ below the limit, σ fitted on the grains' past errors. The paper attributes its remaining violations to forecast error."));
        }

        return tables;
    }

    public static IReadOnlyList<ReportSection> Sections(IReadOnlyList<SimulationResult> heat, IReadOnlyList<SimulationResult> ev, IReadOnlyList<SimulationResult> both, HeatNetworkParameters parameters)
    {
        var tables = Tables(heat, ev, both);
        var sections = new List<ReportSection>();
        if (heat.Count > 0)
        {
            var frontier = new ReportFigure("fig09-frontier.png", "Heat network cost and CO2 per weighting (cf. Fig. 9)", "cost (GBP)", "CO2 (kg)", FigureKind.Line,
                [new ReportSeries("weightings a–e", heat.Select(r => r.Kpis.HeatCostGbp).ToArray(), heat.Select(r => r.Kpis.HeatCo2Kg).ToArray())]);
            var mix = new ReportFigure("fig10-heat-mix.png", "Heat by source per weighting (cf. Fig. 10)", "weighting", "heat (MWh)", FigureKind.StackedBars,
            [
                new ReportSeries("heat pump", [], heat.Select(r => r.Kpis.HeatPumpHeatKwh / 1000).ToArray()),
                new ReportSeries("boilers", [], heat.Select(r => r.Kpis.BoilerHeatKwh / 1000).ToArray()),
                new ReportSeries("thermal store", [], heat.Select(r => r.Kpis.StoreDischargeKwh / 1000).ToArray()),
            ], CaseStudies.Weightings.Select(w => w.Label).ToList());
            var day = heat[0].Steps.Skip(96).Take(96).ToList();
            if (day.Count == 0) day = heat[0].Steps.Take(96).ToList();
            var hours = day.Select((_, i) => i * 0.25).ToArray();
            var store = new ReportFigure("fig11-store.png", $"Store temperature and price, {day[0].Time:yyyy-MM-dd}, weighting a (cf. Fig. 11)", "hour of day (UTC)", "store temperature (°C)", FigureKind.Line,
            [
                new ReportSeries("store temperature", hours, day.Select(s => parameters.StoreTemperatureC(s.Heat!.StoreKwh)).ToArray()),
                new ReportSeries("electricity price", hours, day.Select(s => s.PriceGbpPerKwh).ToArray(), OnRightAxis: true),
            ], RightAxisLabel: "price (GBP/kWh)");
            sections.Add(new ReportSection("(a) Heat network: cost against CO2", Text(heat), [tables[0]], [frontier, mix, store], StepCsvs(heat)));
        }

        if (ev.Count == 2)
        {
            var delay = ev[1].Steps.Take(4 * 96).ToList();
            var hours = delay.Select((_, i) => i * 0.25).ToArray();
            var figure = new ReportFigure("fig13-ev.png", "EV charging with delay, first four days (cf. Fig. 13)", "hours from start", "power (kW)", FigureKind.Line,
            [
                new ReportSeries("requested", hours, delay.Select(s => s.Ev!.DemandKw).ToArray()),
                new ReportSeries("served (after delay)", hours, delay.Select(s => s.Ev!.ChargingKw).ToArray()),
                new ReportSeries("PV available", hours, delay.Select(s => s.Ev!.PvAvailableKw).ToArray()),
            ]);
            sections.Add(new ReportSection("(b) EV/PV hub: delaying charging into PV hours", Text(ev), [tables.First(t => t.Title.StartsWith("(b)", StringComparison.Ordinal))], [figure],
                StepCsvs(ev)));
        }

        if (both.Count >= 2)
        {
            var hours = both[0].Steps.Select((_, i) => i * 0.25).ToArray();
            double Over(StepRecord s) => Math.Max(0, (s.Heat?.HeatPumpElectricKw ?? 0) + (s.Ev?.GridKw ?? 0) - CaseStudies.DistrictLimitKw);
            var figure = new ReportFigure("fig14-violation.png", $"Violation of the {F(CaseStudies.DistrictLimitKw, 0)} kW limit without and with coordination (cf. Fig. 14)", "hours from start", "violation (kW)", FigureKind.Line,
            both.Select((run, k) => new ReportSeries(k switch { 0 => "without coordination", 1 => "with coordination", _ => "with coordination, learned forecasts" },
                hours, run.Steps.Select(Over).ToArray())).ToList());
            sections.Add(new ReportSection("(c) Coordination under a district limit", Text(both), [tables[^1]], [figure],
                StepCsvs(both)));
        }

        return sections;
    }

    private static string Text(IReadOnlyList<SimulationResult> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"{runs.Count} run{(runs.Count == 1 ? "" : "s")} of {runs[0].Scenario.Days:0.##} days from {runs[0].Scenario.Start:yyyy-MM-dd}, {runs[0].Scenario.StepMinutes}-minute control, {runs[0].Scenario.HorizonSteps}-step horizon; wall time {runs.Sum(r => r.Wall.TotalSeconds):0.0} s in total.");

    /// <summary>One step CSV per run, named after its scenario: every run of the demo gets one.</summary>
    public static IReadOnlyList<ReportCsv> StepCsvs(IReadOnlyList<SimulationResult> runs) =>
        runs.Select(run => Csv($"{run.Scenario.Name}-steps.csv", run)).ToList();

    /// <summary>The run's steps as CSV, keeping only the columns of the subsystems it simulated.</summary>
    private static ReportCsv Csv(string name, SimulationResult result)
    {
        var values = result.Steps.Select(StepCsv.Values).ToList();
        var keep = Enumerable.Range(0, StepCsv.Columns.Length - 1).Where(c => values.All(v => v[c] is not null)).ToList();
        return new ReportCsv(name, keep.Select(c => StepCsv.Columns[c + 1]).Prepend("hours_from_start").ToList(),
            values.Select((v, i) => (IReadOnlyList<double>)keep.Select(c => v[c]!.Value).Prepend(i * result.Scenario.StepMinutes / 60.0).ToList()).ToList());
    }

    private static string F(double value, int decimals) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    private static string Percent(double before, double after) =>
        before == 0 ? "—" : ((after - before) / before).ToString("+0.0 %;−0.0 %;0.0 %", CultureInfo.InvariantCulture);
}
