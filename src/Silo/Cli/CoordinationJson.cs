using System.Text;
using System.Text.Json;
using Sems.Contracts;

namespace Sems.Silo.Cli;

/// <summary>
/// The JSON object that the district-format contract specifies for <c>sems coordinate --json</c>: mode, rounds,
/// districtDraw, limit, excessBefore/After, violationKwh before/after (the root's), per subsystem tightenedMax (and
/// tightenedExportMax where its exports were capped) and its final result, nodes (node id → resource → net draw,
/// drawBefore, limit, excessBefore/After, violationKwh, and where the node limits exports exportLimit,
/// exportExcessBefore/After and exportViolationKwh), the plans'
/// objective, with <c>coordination.riskLevel</c> the risk margin and its cost (<c>risk</c>), the centralised reference when asked for, wallMs. Powers in kW, energies in kWh. Written once by an indented <see cref="Utf8JsonWriter"/>: each subsystem's
/// result is re-written through it, so nested objects are indented by their depth like the rest.
/// </summary>
internal static class CoordinationJson
{
    /// <param name="report">The cycle's report.</param>
    /// <param name="districtName">The district's <c>name</c> from its file.</param>
    /// <param name="results">Subsystem id → the district-format JSON object of the plan it holds (read from the subsystem grains).</param>
    /// <param name="reference">The centralised reference when <c>--reference</c> asked for it.</param>
    public static string Serialize(CoordinationCycleReport report, string districtName, IReadOnlyDictionary<string, string> results, ReferenceRun? reference = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("district", districtName);
            w.WriteString("mode", report.Mode);
            w.WriteNumber("cycle", report.Cycle);
            w.WriteString("start", report.Start);
            w.WriteNumber("stepMinutes", report.StepMinutes);
            w.WriteNumber("rounds", report.Rounds);
            w.WriteNumber("resolves", report.Resolves);
            Series(w, "districtDraw", report.DrawAfterKw);
            Series(w, "districtDrawBefore", report.DrawBeforeKw);
            Series(w, "limit", report.LimitKw);
            Series(w, "excessBefore", report.ExcessBeforeKw);
            Series(w, "excessAfter", report.ExcessAfterKw);
            w.WriteStartObject("violationKwh");
            Totals(w, "before", report.ViolationBeforeKwh);
            Totals(w, "after", report.ViolationAfterKwh);
            w.WriteEndObject();
            w.WriteStartArray("subsystems");
            foreach (var s in report.Subsystems)
            {
                w.WriteStartObject();
                w.WriteString("id", s.SubsystemId);
                w.WriteNumber("priority", s.Priority);
                w.WriteString("statusBefore", s.StatusBefore);
                w.WriteString("status", s.Status);
                w.WriteBoolean("resolved", s.Resolved);
                w.WriteBoolean("accepted", s.Accepted);
                if (s.Note is null) w.WriteNull("note");
                else w.WriteString("note", s.Note);
                Series(w, "tightenedMax", s.TightenedMaxKw);
                if (s.TightenedExportMaxKw.Count > 0) Series(w, "tightenedExportMax", s.TightenedExportMaxKw);
                Series(w, "drawBefore", s.DrawBeforeKw);
                w.WritePropertyName("result");
                using (var result = JsonDocument.Parse(results[s.SubsystemId])) result.RootElement.WriteTo(w);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("nodes");
            foreach (var (node, resources) in report.Nodes)
            {
                w.WriteStartObject(node);
                foreach (var (resource, n) in resources)
                {
                    w.WriteStartObject(resource);
                    Array(w, "draw", n.DrawAfterKw);
                    Array(w, "drawBefore", n.DrawBeforeKw);
                    if (n.LimitKw is null) w.WriteNull("limit");
                    else Array(w, "limit", n.LimitKw);
                    Array(w, "excessBefore", n.ExcessBeforeKw);
                    Array(w, "excessAfter", n.ExcessAfterKw);
                    w.WriteStartObject("violationKwh");
                    w.WriteNumber("before", Math.Round(n.ViolationBeforeKwh, 6));
                    w.WriteNumber("after", Math.Round(n.ViolationAfterKwh, 6));
                    w.WriteEndObject();
                    if (n.ExportLimitKw is not null)
                    {
                        // Only where the node limits what its subtree feeds back: a file without exportMax prints what it did.
                        Array(w, "exportLimit", n.ExportLimitKw);
                        Array(w, "exportExcessBefore", n.ExportExcessBeforeKw);
                        Array(w, "exportExcessAfter", n.ExportExcessAfterKw);
                        w.WriteStartObject("exportViolationKwh");
                        w.WriteNumber("before", Math.Round(n.ExportViolationBeforeKwh, 6));
                        w.WriteNumber("after", Math.Round(n.ExportViolationAfterKwh, 6));
                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            Number(w, "objective", report.Subsystems.Sum(s => s.Objective));
            if (report.PriceRounds is { } priceRounds)
            {
                w.WriteStartObject("economic");
                w.WriteNumber("priceRounds", priceRounds);
                Number(w, "gap", report.EconomicGap ?? double.NaN);
                Number(w, "primalResidualKw", report.PrimalResidualKw ?? double.NaN);
                Number(w, "dualResidual", report.DualResidual ?? double.NaN);
                w.WriteEndObject();
            }

            if (report.Risk is { } risk) Risk(w, risk);

            if (reference is not null)
            {
                w.WriteStartObject("reference");
                w.WriteString("status", reference.Status);
                Number(w, "objective", reference.Objective);
                w.WriteBoolean("limitsHold", reference.LimitsHold);
                if (reference.GapPercent is { } gap) w.WriteNumber("gapPercent", Math.Round(gap, 6));
                else w.WriteNull("gapPercent");
                w.WriteNumber("solveMs", Math.Round(reference.SolveMs, 3));
                w.WriteEndObject();
            }

            w.WriteNumber("setpointsCommitted", report.SetpointsCommitted);
            w.WriteNumber("wallMs", Math.Round(report.WallMs, 3));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// <c>risk</c>: riskLevel, z, per node and resource the margin (kW per step), the planning limit importMax − margin
    /// (kW per step) and the shortfall above it (kWh); Σ J with and without the margin and its cost; per factor the
    /// totals with and without and their difference; costNote (null when the cost was computed); warnings.
    /// </summary>
    private static void Risk(Utf8JsonWriter w, RiskMarginCycle risk)
    {
        w.WriteStartObject("risk");
        w.WriteNumber("riskLevel", risk.RiskLevel);
        w.WriteNumber("z", Math.Round(risk.Z, 9));
        w.WriteStartObject("nodes");
        foreach (var (node, margins) in risk.MarginKw)
        {
            w.WriteStartObject(node);
            foreach (var (resource, margin) in margins)
            {
                w.WriteStartObject(resource);
                Array(w, "marginKw", margin);
                Array(w, "planningLimitKw", risk.PlanningLimitKw[node][resource]);
                Number(w, "shortfallKwh", risk.ShortfallKwh.TryGetValue(node, out var s) && s.TryGetValue(resource, out var kwh) ? kwh : 0);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        Number(w, "objectiveWithMargin", risk.ObjectiveWithMargin);
        Number(w, "objectiveWithoutMargin", risk.ObjectiveWithoutMargin ?? double.NaN);
        Number(w, "objectiveCost", risk.ObjectiveCost ?? double.NaN);
        w.WriteStartObject("factorTotals");
        foreach (var factor in risk.FactorTotalsWithMargin.Keys)
        {
            w.WriteStartObject(factor);
            Number(w, "withMargin", risk.FactorTotalsWithMargin[factor]);
            var has = risk.FactorTotalsWithoutMargin.TryGetValue(factor, out var without);
            Number(w, "withoutMargin", has ? without : double.NaN);
            Number(w, "cost", has ? risk.FactorTotalsWithMargin[factor] - without : double.NaN);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (risk.CostNote is null) w.WriteNull("costNote");
        else w.WriteString("costNote", risk.CostNote);
        w.WriteStartArray("warnings");
        foreach (var warning in risk.Warnings) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Series(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double[]> values)
    {
        w.WriteStartObject(name);
        foreach (var (resource, series) in values)
        {
            w.WriteStartArray(resource);
            foreach (var v in series) w.WriteNumberValue(Math.Round(v, 6));
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, string name, double[] series)
    {
        w.WriteStartArray(name);
        foreach (var v in series) w.WriteNumberValue(Math.Round(v, 6));
        w.WriteEndArray();
    }

    /// <summary>A finite number, or null (JSON has no NaN).</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 6));
        else w.WriteNull(name);
    }

    private static void Totals(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> values)
    {
        w.WriteStartObject(name);
        foreach (var (resource, value) in values) w.WriteNumber(resource, Math.Round(value, 6));
        w.WriteEndObject();
    }
}
