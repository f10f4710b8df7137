using Sems.Contracts;
using Sems.Engine.Model;

namespace Sems.Silo.Cli;

/// <summary>The readable report of <c>sems coordinate</c>: the district's limits and violation, then each subsystem's part.</summary>
internal static class CoordinationTable
{
    public static void Write(TextWriter o, District district, CoordinationCycleReport r, ReferenceRun? reference = null)
    {
        o.WriteLine($"District \"{district.Title}\"{(district.Title == district.Name ? "" : $" ({district.Name})")}: cycle {r.Cycle}{(district.Start is null ? " (no start in the file)" : $" from {r.Start:yyyy-MM-dd HH:mm}Z")}, {district.HorizonSteps} steps × {r.StepMinutes} min");
        if (r.PriceRounds is { } priceRounds)
            o.WriteLine($"Economic: {priceRounds} price round{(priceRounds == 1 ? "" : "s")}, gap {(r.EconomicGap is { } g ? Units.Number(g * 100, 3) + " %" : "—")}, primal residual {(r.PrimalResidualKw is { } p ? Units.Number(p, 3) + " kW" : "—")}; then the repair and Algorithm 1 on what remained:");
        o.WriteLine($"Algorithm 1: {r.Rounds} round{(r.Rounds == 1 ? "" : "s")}, {r.Resolves} re-solve{(r.Resolves == 1 ? "" : "s")}, {r.SetpointsCommitted} set-points committed, {Units.Number(r.WallMs, 1)} ms");
        var anyExportLimit = r.Nodes.Values.Any(n => n.Values.Any(c => c.ExportLimitKw is not null));
        if (r.LimitKw.Count == 0 && !anyExportLimit) o.WriteLine("No grid limits: nothing to coordinate.");
        else if (r.LimitKw.Count == 0) o.WriteLine("No import limits at the root; the export limits are below.");
        foreach (var (resource, limit) in r.LimitKw)
        {
            o.WriteLine();
            o.WriteLine($"{resource}: limit {Units.Number(limit.Min(), 1)}–{Units.Number(limit.Max(), 1)} kW");
            o.WriteLine($"  {"",-22}{"peak kW",12}{"energy kWh",14}{"over limit kWh",16}{"steps over",12}");
            Row(o, "district before", r.DrawBeforeKw[resource], r.ViolationBeforeKwh[resource], r.ExcessBeforeKw[resource], district.StepHours);
            Row(o, "district after", r.DrawAfterKw[resource], r.ViolationAfterKwh[resource], r.ExcessAfterKw[resource], district.StepHours);
        }

        if (r.Nodes.Count > 1)
        {
            o.WriteLine();
            o.WriteLine($"Grid nodes ({r.Nodes.Count}, root {r.RootNode}): the summed draw of each node's subtree against its own limit");
            o.WriteLine($"  {"node",-20}{"resource",-13}{"limit kW",16}{"peak before kW",16}{"peak after kW",15}{"over kWh before",17}{"over kWh after",16}");
            // The resources some node limits (a node's other draws are in the JSON).
            var limited = r.Nodes.Values.SelectMany(n => n.Where(x => x.Value.LimitKw is not null).Select(x => x.Key)).ToHashSet(StringComparer.Ordinal);
            foreach (var (node, resources) in r.Nodes)
            {
                foreach (var (resource, n) in resources.Where(x => limited.Contains(x.Key)))
                {
                    var limit = n.LimitKw is { Length: > 0 } l ? $"{Units.Number(l.Min(), 1)}–{Units.Number(l.Max(), 1)}" : "none";
                    o.WriteLine($"  {node,-20}{resource,-13}{limit,16}{Units.Number(Peak(n.DrawBeforeKw), 1),16}{Units.Number(Peak(n.DrawAfterKw), 1),15}{Units.Number(n.ViolationBeforeKwh, 2),17}{Units.Number(n.ViolationAfterKwh, 2),16}");
                }
            }
        }

        var exportLimited = r.Nodes.SelectMany(n => n.Value.Where(x => x.Value.ExportLimitKw is not null).Select(x => (Node: n.Key, Resource: x.Key, Cycle: x.Value))).ToList();
        if (exportLimited.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Export limits: what each node's subtree feeds back (−net draw) against its exportMax");
            o.WriteLine($"  {"node",-20}{"resource",-13}{"exportMax kW",16}{"peak before kW",16}{"peak after kW",15}{"over kWh before",17}{"over kWh after",16}");
            foreach (var (node, resource, n) in exportLimited)
            {
                var limit = n.ExportLimitKw is { Length: > 0 } l ? $"{Units.Number(l.Min(), 1)}–{Units.Number(l.Max(), 1)}" : "none";
                o.WriteLine($"  {node,-20}{resource,-13}{limit,16}{Units.Number(Peak(n.DrawBeforeKw.Select(d => -d).ToArray()), 1),16}{Units.Number(Peak(n.DrawAfterKw.Select(d => -d).ToArray()), 1),15}{Units.Number(n.ExportViolationBeforeKwh, 2),17}{Units.Number(n.ExportViolationAfterKwh, 2),16}");
            }
        }

        if (r.Risk is { } risk) Risk(o, district, risk);

        o.WriteLine();
        o.WriteLine($"{"subsystem",-22}{"priority",9}  {"status",-12}{"resource",-13}{"peak before kW",15}{"peak after kW",15}  tightened Pmax");
        foreach (var s in r.Subsystems)
        {
            var resources = s.DrawAfterKw.Keys.ToList();
            if (resources.Count == 0) o.WriteLine($"{s.SubsystemId,-22}{s.Priority,9}  {s.Status,-12}(no plan)");
            for (var k = 0; k < resources.Count; k++)
            {
                var p = resources[k];
                var before = s.DrawBeforeKw.TryGetValue(p, out var b) ? Units.Number(b.Max(), 1) : "—";
                var after = Units.Number(s.DrawAfterKw[p].Max(), 1);
                var tightened = s.TightenedMaxKw.TryGetValue(p, out var max) ? $"{Units.Number(max.Min(), 1)}–{Units.Number(max.Max(), 1)} kW" : "—";
                o.WriteLine(k == 0
                    ? $"{s.SubsystemId,-22}{s.Priority,9}  {s.Status,-12}{p,-13}{before,15}{after,15}  {tightened}"
                    : $"{"",-22}{"",9}  {"",-12}{p,-13}{before,15}{after,15}  {tightened}");
            }

            foreach (var (p, cap) in s.TightenedExportMaxKw) o.WriteLine($"  export cap: {p} {Units.Number(cap.Min(), 1)}–{Units.Number(cap.Max(), 1)} kW");
            if (s.Note is not null) o.WriteLine($"  note: {s.Note}");
        }

        if (reference is null) return;
        o.WriteLine();
        var unit = district.Currency is { } c ? $" (objective units; cost in {c})" : " (objective units)";
        o.WriteLine($"Centralised reference ({reference.Status}, {Units.Number(reference.SolveMs, 1)} ms): objective {Units.Number(reference.Objective, 4)}{unit}");
        o.WriteLine($"Coordinated plans: objective {Units.Number(reference.CoordinatedObjective, 4)}, " +
            (reference.GapPercent is { } gap ? $"{Units.Number(gap, 3)} % above the reference" : "no gap (a reference or plan is missing)"));
    }

    /// <summary>The risk margin per node and resource, what the plan was held to, and the margin's cost.</summary>
    private static void Risk(TextWriter o, District district, RiskMarginCycle risk)
    {
        o.WriteLine();
        o.WriteLine($"Risk margin: riskLevel {risk.RiskLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)}, z {Units.Number(risk.Z, 4)}; each node planned against importMax − z·√(Σ σ²) (independent errors)");
        var width = Math.Max(20, risk.MarginKw.Keys.Select(n => n.Length + 2).DefaultIfEmpty(0).Max());
        o.WriteLine($"  {"node".PadRight(width)}{"resource",-13}{"margin kW",16}{"planned against kW",20}{"above it kWh",14}");
        foreach (var (node, margins) in risk.MarginKw)
        {
            foreach (var (resource, margin) in margins)
            {
                var planning = risk.PlanningLimitKw[node][resource];
                var shortfall = risk.ShortfallKwh.TryGetValue(node, out var s) && s.TryGetValue(resource, out var kwh) ? kwh : 0;
                o.WriteLine($"  {node.PadRight(width)}{resource,-13}{Range(margin),16}{Range(planning),20}{Units.Number(shortfall, 2),14}");
            }
        }

        foreach (var warning in risk.Warnings) o.WriteLine($"  warning: {warning}");
        if (risk.CostNote is not null)
        {
            o.WriteLine($"  cost of the margin: not computed ({risk.CostNote})");
            return;
        }

        var factors = string.Join(", ", risk.FactorTotalsWithMargin.Keys.Select(f =>
            $"{f} {Signed(risk.FactorTotalsWithMargin[f] - risk.FactorTotalsWithoutMargin.GetValueOrDefault(f))} {Units.OfFactorTotal(f, district.Currency)}"));
        o.WriteLine($"  cost of the margin: objective {Units.Number(risk.ObjectiveWithMargin, 4)} with it, {Units.Number(risk.ObjectiveWithoutMargin ?? double.NaN, 4)} without ({Signed(risk.ObjectiveCost ?? double.NaN)} objective units){(factors.Length > 0 ? $"; {factors}" : "")}");

        static string Range(double[] kw) => kw.Length == 0 ? "—" : $"{Units.Number(kw.Min(), 1)}–{Units.Number(kw.Max(), 1)}";
        static string Signed(double value) => double.IsFinite(value) && value >= 0 ? "+" + Units.Number(value, 4) : Units.Number(value, 4);
    }

    private static double Peak(double[] series) => series.Length == 0 ? 0 : series.Max();

    private static void Row(TextWriter o, string label, double[] draw, double violationKwh, double[] excess, double stepHours) =>
        o.WriteLine($"  {label,-22}{Units.Number(draw.Max(), 1),12}{Units.Number(draw.Sum() * stepHours, 1),14}{Units.Number(violationKwh, 2),16}{excess.Count(e => e > 0),12}");
}
