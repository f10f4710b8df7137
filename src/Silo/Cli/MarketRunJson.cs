using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sems.Contracts.Market;

namespace Sems.Silo.Cli;

/// <summary>
/// The JSON object of <c>sems market run --json</c> (docs/market-output.md): the stop reason and trace, the settled
/// prices and trades per step, every prosumer's bill in cents with and without the market and its KPIs, the community's
/// totals, the grid nodes against their limits, who was left out and the budget. Units are in the field names; shares
/// are fractions 0–1; a limit that does not apply is null.
/// </summary>
internal static class MarketRunJson
{
    public static string Serialize(MarketOutcomeMessage o)
    {
        ArgumentNullException.ThrowIfNull(o);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("community", o.Community);
            Text(w, "title", o.Title);
            Text(w, "currency", o.Currency);
            if (o.Start is { } start) w.WriteString("start", start);
            else w.WriteNull("start");
            w.WriteNumber("stepMinutes", o.StepMinutes);
            w.WriteString("mechanism", o.Mechanism);
            w.WriteBoolean("converged", o.Converged);
            w.WriteString("stopReason", o.StopReason);
            w.WriteNumber("iterations", o.Iterations);
            w.WriteNumber("priceResidualPerKwh", o.PriceResidualPerKwh);

            w.WriteStartArray("trace");
            foreach (var i in o.Trace)
            {
                w.WriteStartObject();
                w.WriteNumber("iteration", i.Iteration);
                w.WriteNumber("communityCost", i.CommunityCost);
                Number(w, "costChange", i.CostChange);
                w.WriteNumber("peerTradedKwh", i.PeerTradedKwh);
                w.WriteNumber("gridImportKwh", i.GridImportKwh);
                w.WriteNumber("gridExportKwh", i.GridExportKwh);
                w.WriteNumber("maxPriceChangePerKwh", i.MaxPriceChangePerKwh);
                w.WriteNumber("answered", i.Answered);
                Numbers(w, "buyPerKwh", i.BuyPerKwh);
                Numbers(w, "sellPerKwh", i.SellPerKwh);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("steps");
            foreach (var s in o.Steps)
            {
                w.WriteStartObject();
                w.WriteNumber("step", s.Step);
                w.WriteNumber("retailPerKwh", s.RetailPerKwh);
                w.WriteNumber("feedInPerKwh", s.FeedInPerKwh);
                w.WriteNumber("buyPerKwh", s.BuyPerKwh);
                w.WriteNumber("sellPerKwh", s.SellPerKwh);
                w.WriteNumber("peerTradedKwh", s.PeerTradedKwh);
                w.WriteNumber("gridImportKwh", s.GridImportKwh);
                w.WriteNumber("gridExportKwh", s.GridExportKwh);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("prosumers");
            foreach (var p in o.Prosumers)
            {
                w.WriteStartObject();
                w.WriteString("id", p.ProsumerId);
                w.WriteString("kind", p.Kind);
                Text(w, "node", p.Node);
                w.WriteNumber("baselineBillCents", p.BaselineBillCents);
                w.WriteNumber("marketBillCents", p.MarketBillCents);
                w.WriteNumber("savingsCents", p.SavingsCents);
                w.WriteNumber("paidCents", p.PaidCents);
                w.WriteNumber("earnedCents", p.EarnedCents);
                Number(w, "baselineSelfSufficiency", p.BaselineSelfSufficiency);
                Number(w, "selfSufficiency", p.SelfSufficiency);
                Number(w, "baselineSelfConsumption", p.BaselineSelfConsumption);
                Number(w, "selfConsumption", p.SelfConsumption);
                w.WriteNumber("peerBoughtKwh", p.PeerBoughtKwh);
                w.WriteNumber("peerSoldKwh", p.PeerSoldKwh);
                w.WriteNumber("gridBoughtKwh", p.GridBoughtKwh);
                w.WriteNumber("gridSoldKwh", p.GridSoldKwh);
                w.WriteNumber("peakImportKw", p.PeakImportKw);
                w.WriteNumber("peakExportKw", p.PeakExportKw);
                w.WriteNumber("baselineDiscomfortCost", p.BaselineDiscomfortCost);
                w.WriteNumber("marketDiscomfortCost", p.MarketDiscomfortCost);
                Numbers(w, "importKw", p.ImportKw);
                Numbers(w, "exportKw", p.ExportKw);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            var t = o.Totals;
            w.WriteStartObject("totals");
            w.WriteNumber("baselineBillCents", t.BaselineBillCents);
            w.WriteNumber("marketBillCents", t.MarketBillCents);
            w.WriteNumber("savingsCents", t.SavingsCents);
            Number(w, "baselineSelfSufficiency", t.BaselineSelfSufficiency);
            Number(w, "selfSufficiency", t.SelfSufficiency);
            Number(w, "baselineSelfConsumption", t.BaselineSelfConsumption);
            Number(w, "selfConsumption", t.SelfConsumption);
            w.WriteNumber("peerTradedKwh", t.PeerTradedKwh);
            w.WriteNumber("gridImportKwh", t.GridImportKwh);
            w.WriteNumber("gridExportKwh", t.GridExportKwh);
            w.WriteNumber("baselineGridImportKwh", t.BaselineGridImportKwh);
            w.WriteNumber("baselineGridExportKwh", t.BaselineGridExportKwh);
            w.WriteNumber("peakImportKw", t.PeakImportKw);
            w.WriteNumber("peakExportKw", t.PeakExportKw);
            w.WriteNumber("baselinePeakImportKw", t.BaselinePeakImportKw);
            w.WriteNumber("baselinePeakExportKw", t.BaselinePeakExportKw);
            w.WriteEndObject();

            var g = o.Grid;
            w.WriteStartObject("grid");
            w.WriteBoolean("holds", g.Holds);
            w.WriteNumber("rounds", g.Rounds);
            w.WriteString("summary", g.Summary);
            w.WriteStartArray("capped");
            foreach (var id in g.Capped) w.WriteStringValue(id);
            w.WriteEndArray();
            Missing(w, "problems", g.Problems);
            w.WriteStartArray("nodes");
            foreach (var n in g.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("id", n.NodeId);
                w.WriteNumber("peakImportKw", n.PeakImportKw);
                w.WriteNumber("peakImportStep", n.PeakImportStep);
                Number(w, "importMaxAtPeakKw", n.ImportMaxAtPeakKw);
                w.WriteNumber("peakExportKw", n.PeakExportKw);
                w.WriteNumber("peakExportStep", n.PeakExportStep);
                Number(w, "exportMaxAtPeakKw", n.ExportMaxAtPeakKw);
                w.WriteNumber("importExcessBeforeKwh", n.ImportExcessBeforeKwh);
                w.WriteNumber("importExcessAfterKwh", n.ImportExcessAfterKwh);
                w.WriteNumber("exportExcessBeforeKwh", n.ExportExcessBeforeKwh);
                w.WriteNumber("exportExcessAfterKwh", n.ExportExcessAfterKwh);
                w.WriteNumber("stepsInExcessBefore", n.StepsInExcessBefore);
                w.WriteNumber("stepsInExcessAfter", n.StepsInExcessAfter);
                Numbers(w, "netImportKw", n.NetImportKw);
                Numbers(w, "importMaxKw", n.ImportMaxKw);
                Numbers(w, "exportMaxKw", n.ExportMaxKw);
                w.WriteStartArray("dsoVersion");
                foreach (var v in n.DsoVersionPerStep) w.WriteNumberValue(v);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();

            Missing(w, "missing", o.Missing);

            var b = o.Budget;
            w.WriteStartObject("budget");
            w.WriteNumber("buyersPayCents", b.BuyersPayCents);
            w.WriteNumber("sellersEarnCents", b.SellersEarnCents);
            w.WriteNumber("gridPaidCents", b.GridPaidCents);
            w.WriteNumber("gridPaysCents", b.GridPaysCents);
            w.WriteBoolean("balanced", b.Balanced);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    /// <summary>A finite number, or null (unknown, or +∞: no limit).</summary>
    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>An array of numbers; a value that is not finite (+∞: no limit) is written as null.</summary>
    private static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteNullValue();
        }

        w.WriteEndArray();
    }

    private static void Missing(Utf8JsonWriter w, string name, IEnumerable<MissingProsumerMessage> missing)
    {
        w.WriteStartArray(name);
        foreach (var m in missing)
        {
            w.WriteStartObject();
            w.WriteString("id", m.ProsumerId);
            w.WriteString("problem", m.Problem);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
