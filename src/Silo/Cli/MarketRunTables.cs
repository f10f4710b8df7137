using System.Globalization;
using Sems.Contracts.Market;
using Sems.Silo.Reporting;

namespace Sems.Silo.Cli;

/// <summary>
/// The tables of a market run, for <c>sems market run</c>'s text output and the demo report: the convergence trace,
/// prices and trades per step, every prosumer's bill with and without the market, and the grid nodes against their limits.
/// Every number carries its unit in its column heading.
/// </summary>
internal static class MarketRunTables
{
    /// <summary>The currency's name in headings: its ISO code, else "currency units".</summary>
    public static string CurrencyOf(MarketOutcomeMessage outcome) => outcome.Currency ?? "currency units";

    /// <summary>The trace, the steps, the bills and the nodes, in that order.</summary>
    public static IReadOnlyList<ReportTable> All(MarketOutcomeMessage outcome) => [Trace(outcome), Steps(outcome), Bills(outcome), Nodes(outcome)];

    /// <summary>One line above the tables: the community, its size, the mechanism and why the loop stopped.</summary>
    public static string Heading(MarketOutcomeMessage o)
    {
        var title = o.Title is { } t && t != o.Community ? $"\"{t}\" ({o.Community})" : $"\"{o.Community}\"";
        var start = o.Start is { } s ? $" from {s:yyyy-MM-dd'T'HH:mm:sszzz}" : "";
        var mechanism = o.Mechanism == "auction" ? "pay-as-clear double auction" : "supply–demand-ratio pricing";
        return Invariant($"Local energy market {title}: {o.Prosumers.Length + o.Missing.Length} prosumers, {o.Steps.Length} steps of {o.StepMinutes} min{start}, {mechanism}, money in {CurrencyOf(o)}.");
    }

    public static ReportTable Trace(MarketOutcomeMessage o)
    {
        var c = CurrencyOf(o);
        var rows = o.Trace.Select(i => (IReadOnlyList<string>)
        [
            Whole(i.Iteration), Money(i.CommunityCost), i.CostChange is { } d ? d.ToString("0.0000", CultureInfo.InvariantCulture) : "—", Kwh(i.PeerTradedKwh), Kwh(i.GridImportKwh),
            Kwh(i.GridExportKwh), Price(i.MaxPriceChangePerKwh), Whole(i.Answered),
        ]).ToList();
        return new ReportTable("Convergence per iteration (iteration 0: every prosumer alone at the grid's tariffs; energy columns: each iteration's schedules netted across the community per step, as the market would settle them)",
            ["iteration", $"community cost ({c})", $"change ({c})", "peer energy (kWh)", "grid import (kWh)", "grid export (kWh)", $"max price change ({c}/kWh)", "answered"],
            rows, $"Stop reason: {o.StopReason}");
    }

    public static ReportTable Steps(MarketOutcomeMessage o)
    {
        var c = CurrencyOf(o);
        var rows = o.Steps.Select(s => (IReadOnlyList<string>)
        [
            Whole(s.Step), o.Start is { } start ? start.AddMinutes(s.Step * o.StepMinutes).ToString("HH:mm", CultureInfo.InvariantCulture) : "—",
            Price(s.RetailPerKwh), Price(s.FeedInPerKwh), Price(s.BuyPerKwh), Price(s.SellPerKwh), Kwh(s.PeerTradedKwh), Kwh(s.GridImportKwh), Kwh(s.GridExportKwh),
        ]).ToList();
        return new ReportTable("Prices and trades per step (settled market)",
            ["step", "start", $"retail ({c}/kWh)", $"feed-in ({c}/kWh)", $"buy ({c}/kWh)", $"sell ({c}/kWh)", "peer traded (kWh)", "grid import (kWh)", "grid export (kWh)"],
            rows);
    }

    public static ReportTable Bills(MarketOutcomeMessage o)
    {
        var c = CurrencyOf(o);
        var rows = o.Prosumers.Select(p => (IReadOnlyList<string>)
        [
            p.ProsumerId, p.Kind, Cents(p.BaselineBillCents), Cents(p.MarketBillCents), Cents(p.SavingsCents),
            Share(p.BaselineSelfSufficiency), Share(p.SelfSufficiency), Share(p.BaselineSelfConsumption), Share(p.SelfConsumption),
            Kwh(p.PeerBoughtKwh), Kwh(p.PeerSoldKwh),
        ]).ToList();
        var t = o.Totals;
        rows.Add(["community", "", Cents(t.BaselineBillCents), Cents(t.MarketBillCents), Cents(t.SavingsCents),
            Share(t.BaselineSelfSufficiency), Share(t.SelfSufficiency), Share(t.BaselineSelfConsumption), Share(t.SelfConsumption),
            Kwh(t.PeerTradedKwh), Kwh(t.PeerTradedKwh)]);
        var b = o.Budget;
        var note = Invariant($"Bills: + pays, − earns. Budget: buyers pay {Cents(b.BuyersPayCents)} {c} = sellers earn {Cents(b.SellersEarnCents)} {c} + paid to the grid {Cents(b.GridPaidCents)} {c} − paid by the grid {Cents(b.GridPaysCents)} {c}: {(b.Balanced ? "balanced to the cent" : "NOT balanced")}.");
        if (o.Missing.Length > 0) note += " Left out (their energy is theirs with the grid at its tariffs): " + string.Join("; ", o.Missing.Select(m => $"{m.ProsumerId}: {m.Problem}")) + ".";
        return new ReportTable($"Bills with and without the market ({c})",
            ["prosumer", "kind", $"alone ({c})", $"market ({c})", $"saving ({c})", "self-sufficiency alone (%)", "self-sufficiency market (%)",
                "self-consumption alone (%)", "self-consumption market (%)", "peer bought (kWh)", "peer sold (kWh)"],
            rows, note);
    }

    public static ReportTable Nodes(MarketOutcomeMessage o)
    {
        var rows = o.Grid.Nodes.Select(n => (IReadOnlyList<string>)
        [
            n.NodeId, Kw(n.PeakImportKw), n.ImportMaxAtPeakKw is { } im ? Kw(im) : "none", Kw(n.PeakExportKw), n.ExportMaxAtPeakKw is { } ex ? Kw(ex) : "none",
            Kwh(n.ImportExcessBeforeKwh + n.ExportExcessBeforeKwh), Kwh(n.ImportExcessAfterKwh + n.ExportExcessAfterKwh), Whole(n.DsoVersionPerStep.Count(v => v != 0)),
        ]).ToList();
        var note = Invariant($"DSO step: {o.Grid.Summary} ({o.Grid.Rounds} round{(o.Grid.Rounds == 1 ? "" : "s")} of re-asking under caps{(o.Grid.Capped.Length > 0 ? "; capped: " + string.Join(", ", o.Grid.Capped) : "")}).");
        if (o.Grid.Problems.Length > 0) note += " Could not meet their caps: " + string.Join("; ", o.Grid.Problems.Select(p => $"{p.ProsumerId}: {p.Problem}")) + ".";
        return new ReportTable("Grid nodes against their electricity limits (the file's, or the DSO's where it set a version)",
            ["node", "peak import (kW)", "import limit at peak (kW)", "peak export (kW)", "export limit at peak (kW)", "excess before DSO step (kWh)", "excess after (kWh)", "steps under DSO limits"],
            rows, note);
    }

    /// <summary>Whole cents as currency with two decimals.</summary>
    public static string Cents(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Money(double amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Price(double perKwh) => perKwh.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Kwh(double kwh) => kwh.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Kw(double kw) => kw.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Share(double? share) => share is { } s ? (100 * s).ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
