using System.Globalization;
using Sems.Silo.Reporting;
using Sems.Twin;
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

    /// <summary>Title of table (a) on 2022 prices; <see cref="HeatTable2018Title"/> is the same runs on the paper's-period prices.</summary>
    public const string HeatTableTitle = "(a) Heat network alone: cost and CO2 per objective weighting (paper Figs. 9–10)";

    public const string HeatTable2018Title = "(a) Heat network alone on 2018 prices (gas 2.4 p/kWh, electricity scaled to a 12.0 p/kWh mean): cost and CO2 per weighting";

    /// <param name="heat2018">Case (a) on the paper's-period prices (<see cref="CaseStudies.PaperPeriodPrices"/>); null or empty for none.</param>
    public static IReadOnlyList<ReportTable> Tables(IReadOnlyList<SimulationResult> heat, IReadOnlyList<SimulationResult> ev, IReadOnlyList<SimulationResult> both,
        IReadOnlyList<SimulationResult>? heat2018 = null)
    {
        var tables = new List<ReportTable>();
        if (heat.Count > 0)
        {
            tables.Add(HeatTable(HeatTableTitle, heat,
                "Paper: a Pareto frontier in which spending more buys lower emissions with diminishing returns, and less gas as the CO2 weight grows (no figures are tabulated)."));
        }

        if (heat2018 is { Count: > 0 })
        {
            tables.Add(HeatTable(HeatTable2018Title, heat2018,
                "Same twin, weather and GB carbon intensity (2022) as above; only the prices are those of the paper's period (src/Twin/Data/README.md)."));
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

    private static ReportTable HeatTable(string title, IReadOnlyList<SimulationResult> heat, string note) =>
        new(title,
            ["weighting", "α cost", "α CO2", "cost (GBP)", "CO2 (kg)", "heat pump (%)", "boilers (%)", "store (%)", "band violation (°C·h)"],
            heat.Select((r, k) =>
            {
                var w = CaseStudies.Weightings[k];
                var k2 = r.Kpis;
                var total = k2.HeatPumpHeatKwh + k2.BoilerHeatKwh + k2.StoreDischargeKwh;
                return (IReadOnlyList<string>)[w.Label, F(w.Cost, 2), F(w.Co2, 2), F(k2.HeatCostGbp, 0), F(k2.HeatCo2Kg, 0),
                    F(100 * k2.HeatPumpHeatKwh / total, 1), F(100 * k2.BoilerHeatKwh / total, 1), F(100 * k2.StoreDischargeKwh / total, 1), F(k2.BandViolationDegreeHours, 2)];
            }).ToList(),
            note);

    /// <param name="heat2018">Case (a) on the paper's-period prices: a second frontier; null or empty for none.</param>
    /// <param name="store">The store run (<see cref="CaseStudies.StoreRun"/>) for Fig. 11; null to draw it from weighting a of <paramref name="heat"/>.</param>
    public static IReadOnlyList<ReportSection> Sections(IReadOnlyList<SimulationResult> heat, IReadOnlyList<SimulationResult> ev, IReadOnlyList<SimulationResult> both, HeatNetworkParameters parameters,
        IReadOnlyList<SimulationResult>? heat2018 = null, SimulationResult? store = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var tables = Tables(heat, ev, both, heat2018);
        var sections = new List<ReportSection>();
        if (heat.Count > 0)
        {
            var figures = new List<ReportFigure> { Frontier("fig09-frontier-2022.png", "2022 prices", heat) };
            if (heat2018 is { Count: > 0 }) figures.Add(Frontier("fig09-frontier-2018.png", "2018 prices", heat2018));
            IReadOnlyList<(string Prefix, SimulationResult Run)> mixRuns = heat2018 is { Count: > 0 }
                ? [.. heat.Select(r => ("2022 ", r)), .. heat2018.Select(r => ("2018 ", r))]
                : heat.Select(r => ("", r)).ToList();
            var mix = new ReportFigure("fig10-heat-mix.png", heat2018 is { Count: > 0 } ? "Heat by source per weighting, 2022 and 2018 prices (cf. Fig. 10)" : "Heat by source per weighting (cf. Fig. 10)",
                "weighting", "heat (MWh)", FigureKind.StackedBars,
            [
                new ReportSeries("heat pump", [], mixRuns.Select(m => m.Run.Kpis.HeatPumpHeatKwh / 1000).ToArray()),
                new ReportSeries("boilers", [], mixRuns.Select(m => m.Run.Kpis.BoilerHeatKwh / 1000).ToArray()),
                new ReportSeries("thermal store", [], mixRuns.Select(m => m.Run.Kpis.StoreDischargeKwh / 1000).ToArray()),
            ], mixRuns.Select((m, i) => m.Prefix + CaseStudies.Weightings[i % CaseStudies.Weightings.Length].Label).ToList());
            figures.Add(mix);
            figures.Add(StoreFigure(store ?? heat[0], store is not null, parameters));
            IReadOnlyList<SimulationResult> runs = [.. heat, .. heat2018 ?? [], .. store is null ? [] : new[] { store }];
            sections.Add(new ReportSection("(a) Heat network: cost against CO2", Text(heat) + HeatText(heat2018, store, parameters),
                tables.Where(t => t.Title is HeatTableTitle or HeatTable2018Title).ToList(), figures, StepCsvs(runs)));
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
            sections.Add(new ReportSection("(c) Coordination under a district limit", Text(both), [tables[^1]], [LimitFigure(both), DailyViolationFigure(both)],
                StepCsvs(both)));
        }

        return sections;
    }

    private static string RunName(int k) => k switch { 0 => "without coordination", 1 => "with coordination", _ => "with coordination, learned forecasts" };

    /// <summary>
    /// Fig. 9 as labelled points: one marker per weighting (its α in the legend), the letter beside it; weightings whose
    /// runs ended at the same cost and CO2 (within 0.5 GBP and 0.5 kg) share one label, "c = d = e".
    /// </summary>
    public static ReportFigure Frontier(string fileName, string prices, IReadOnlyList<SimulationResult> heat)
    {
        ArgumentNullException.ThrowIfNull(heat);
        var points = heat.Select(r => (Cost: r.Kpis.HeatCostGbp, Co2: r.Kpis.HeatCo2Kg)).ToList();
        var series = new List<ReportSeries>();
        for (var k = 0; k < points.Count; k++)
        {
            var w = CaseStudies.Weightings[k];
            var same = Enumerable.Range(0, points.Count)
                .Where(j => Math.Abs(points[j].Cost - points[k].Cost) < 0.5 && Math.Abs(points[j].Co2 - points[k].Co2) < 0.5).ToList();
            // The first weighting of a coincident group carries the group's label; the others draw their marker unlabelled.
            var label = same[0] == k ? string.Join(" = ", same.Select(j => CaseStudies.Weightings[j].Label)) : "";
            series.Add(new ReportSeries($"{w.Label}: α cost {F(w.Cost, 2)}, α CO2 {F(w.Co2, 2)}", [points[k].Cost], [points[k].Co2], Labels: [label]));
        }

        return new ReportFigure(fileName, $"Cost against CO2 per weighting, {prices} (cf. Fig. 9)",
            "heating cost (GBP)", "CO2 (kg)", FigureKind.Scatter, series);
    }

    /// <summary>
    /// Fig. 11: store temperature against the electricity price on the day the store moved the most heat (charge plus
    /// discharge), so that the figure shows it charging in cheap hours and discharging in dear ones where that happens.
    /// </summary>
    public static ReportFigure StoreFigure(SimulationResult run, bool storeRun, HeatNetworkParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(parameters);
        var perDay = (int)Math.Round(24 * 60.0 / run.Scenario.StepMinutes);
        var days = Math.Max(1, run.Steps.Count / perDay);
        var best = Enumerable.Range(0, days).MaxBy(d => run.Steps.Skip(d * perDay).Take(perDay).Sum(s => (s.Heat?.StoreChargeKw ?? 0) + (s.Heat?.StoreDischargeKw ?? 0)));
        var day = run.Steps.Skip(best * perDay).Take(perDay).ToList();
        var hours = day.Select((_, i) => i * run.Scenario.StepMinutes / 60.0).ToArray();
        var moved = day.Sum(s => s.Heat?.StoreDischargeKw ?? 0) * run.Scenario.StepMinutes / 60.0;
        var what = storeRun
            ? $"weighting a, 2018 prices, {F(CaseStudies.StoreRunHeatPumpKw, 0)} kW heat pump"
            : "weighting a";
        return new ReportFigure("fig11-store.png",
            $"Store and price, {day[0].Time:yyyy-MM-dd}: {F(moved, 0)} kWh discharged (cf. Fig. 11)",
            $"hour of day (UTC); {what}", "store temperature (°C)", FigureKind.Line,
            [
                new ReportSeries("store temperature (°C, left)", hours, day.Select(s => parameters.StoreTemperatureC(s.Heat!.StoreKwh)).ToArray()),
                new ReportSeries("electricity price (GBP/kWh, right)", hours, day.Select(s => s.PriceGbpPerKwh).ToArray(), OnRightAxis: true),
            ], RightAxisLabel: "electricity price (GBP/kWh)");
    }

    /// <summary>
    /// Fig. 14: the heat pumps' plus EV chargers' grid draw of every (c) run against the DSO limit, over the two days in a
    /// row on which the uncoordinated run exceeded it most (the whole run when shorter).
    /// </summary>
    public static ReportFigure LimitFigure(IReadOnlyList<SimulationResult> both)
    {
        ArgumentNullException.ThrowIfNull(both);
        var steps = both[0].Steps;
        var perDay = (int)Math.Round(24 * 60.0 / both[0].Scenario.StepMinutes);
        var window = Math.Min(steps.Count, 2 * perDay);
        var starts = Enumerable.Range(0, Math.Max(1, steps.Count / perDay - 1)).Select(d => d * perDay).Where(s => s + window <= steps.Count).DefaultIfEmpty(0);
        var first = starts.MaxBy(s => steps.Skip(s).Take(window).Sum(Over));
        var step = TimeSpan.FromMinutes(both[0].Scenario.StepMinutes);
        var edges = Enumerable.Range(0, window + 1).Select(i => (steps[first].Time + i * step).UtcDateTime.ToOADate()).ToArray();
        var series = both.Select((run, k) => new ReportSeries(RunName(k), edges, run.Steps.Skip(first).Take(window).Select(Kpis.GridImportKw).ToArray())).ToList();
        var end = steps[first].Time + window * step;
        return new ReportFigure("fig14-limit.png",
            $"HP + EV grid draw, {steps[first].Time:yyyy-MM-dd}–{end.AddTicks(-1):yyyy-MM-dd} (cf. Fig. 14)",
            "time (UTC)", "grid draw (kW)", FigureKind.Step, series, XIsOADate: true,
            ReferenceLines: [new ReportReferenceLine($"DSO limit, {F(CaseStudies.DistrictLimitKw, 0)} kW", CaseStudies.DistrictLimitKw)]);
    }

    /// <summary>Fig. 14's whole run: the energy drawn above the limit on each day, kWh, per (c) run.</summary>
    public static ReportFigure DailyViolationFigure(IReadOnlyList<SimulationResult> both)
    {
        ArgumentNullException.ThrowIfNull(both);
        var perDay = (int)Math.Round(24 * 60.0 / both[0].Scenario.StepMinutes);
        var stepHours = both[0].Scenario.StepMinutes / 60.0;
        var days = (both[0].Steps.Count + perDay - 1) / perDay;
        var edges = Enumerable.Range(0, days + 1).Select(d => both[0].Scenario.Start.AddDays(d).UtcDateTime.ToOADate()).ToArray();
        var series = both.Select((run, k) => new ReportSeries(
            $"{RunName(k)}: {F(run.Kpis.LimitViolationKwh, 0)} kWh in all",
            edges,
            Enumerable.Range(0, days).Select(d => run.Steps.Skip(d * perDay).Take(perDay).Sum(Over) * stepHours).ToArray())).ToList();
        return new ReportFigure("fig14-violation-daily.png", $"Energy drawn above the {F(CaseStudies.DistrictLimitKw, 0)} kW limit per day (cf. Fig. 14)",
            "day (UTC)", "energy above the limit (kWh per day)", FigureKind.Step, series, XIsOADate: true, YFromZero: true);
    }

    private static double Over(StepRecord s) => Math.Max(0, Kpis.GridImportKw(s) - CaseStudies.DistrictLimitKw);

    private static string HeatText(IReadOnlyList<SimulationResult>? heat2018, SimulationResult? store, HeatNetworkParameters parameters)
    {
        var text = "";
        if (heat2018 is { Count: > 0 })
        {
            var gas = TwinInputs.Load(PriceScenarios.Year2018).GasUnitPriceGbpPerKwh;
            text += string.Create(CultureInfo.InvariantCulture,
                $" The same five weightings also ran on 2018 prices (gas {100 * gas:0.0} p/kWh; the Agile series × {TwinInputs.ElectricityScale2018:0.000}, {100 * heat2018[0].Steps.Average(st => st.PriceGbpPerKwh):0.0} p/kWh on average over the run): heat from gas was cheaper than heat from the heat pump in {GasCheaperPercent(heat2018[0], gas, parameters):0} % of the steps, against {GasCheaperPercent(heat2018[0], TwinInputs.GasPriceGbpPerKwh, parameters, PriceScenarios.Year2022):0} % on 2022 prices.");
        }

        if (store is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $" Fig. 11 is from a store run: weighting a on 2018 prices with the heat pump at {CaseStudies.StoreRunHeatPumpKw:0} kW electrical instead of {parameters.HeatPumpMaxElectricKw:0} kW, so that it can make more heat than the estate draws in cheap hours; the store delivered {StoreShare(store):0.0} % of the heat there");
            text += heat2018 is { Count: > 0 }
                ? string.Create(CultureInfo.InvariantCulture, $", against {StoreShare(heat2018[0]):0.0} % with the twin's own heat pump (weighting a, 2018 prices).")
                : ".";
        }

        return text;
    }

    /// <summary>The share of a run's steps in which a kWh of heat from gas (price / boiler efficiency) cost less than one from the heat pump (price / its COP then), %.</summary>
    private static double GasCheaperPercent(SimulationResult run, double gasGbpPerKwh, HeatNetworkParameters parameters, string? prices = null)
    {
        var inputs = prices is null ? null : TwinInputs.Load(prices);
        var steps = run.Steps.Where(s => s.Heat is { HeatPumpCop: > 0 }).ToList();
        if (steps.Count == 0) return 0;
        return 100.0 * steps.Count(s => gasGbpPerKwh / parameters.BoilerEfficiency < (inputs?.PriceGbpPerKwh(s.Time) ?? s.PriceGbpPerKwh) / s.Heat!.HeatPumpCop) / steps.Count;
    }

    private static double StoreShare(SimulationResult run)
    {
        var k = run.Kpis;
        var total = k.HeatPumpHeatKwh + k.BoilerHeatKwh + k.StoreDischargeKwh;
        return total > 0 ? 100 * k.StoreDischargeKwh / total : 0;
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
