using System.Globalization;
using System.Reflection;
using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Silo.Reporting;

namespace Sems.Silo.Cli;

/// <summary>
/// The "Local energy market" section of <c>sems demo</c>'s report: the demo community (examples/market/bilbao-ped.json,
/// built into the executable) run through the market grains in an embedded silo, as <c>sems market run</c> runs it:
/// prices and trades per step, every prosumer's bill with and without the market, the convergence per iteration.
/// </summary>
internal static class MarketReport
{
    /// <summary>The demo community's resource name in this assembly.</summary>
    public const string DemoCommunityResource = "Sems.Silo.Market.bilbao-ped.json";

    /// <summary>The demo community as its file is committed; throws when the file is not valid.</summary>
    public static Community DemoCommunity()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DemoCommunityResource)
            ?? throw new InvalidOperationException($"the demo community {DemoCommunityResource} is not built into the executable");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return CommunityReader.Read(memory.ToArray(), "examples/market/bilbao-ped.json").GetCommunityOrThrow();
    }

    /// <summary>One line for the demo's console: the community's bill alone and in the market, and why the loop stopped.</summary>
    public static string Summary(MarketOutcomeMessage o)
    {
        var c = MarketRunTables.CurrencyOf(o);
        var t = o.Totals;
        return $"Local energy market {o.Community}: community bill {MarketRunTables.Cents(t.BaselineBillCents)} {c} alone, {MarketRunTables.Cents(t.MarketBillCents)} {c} in the market (saving {MarketRunTables.Cents(t.SavingsCents)} {c}), {F(t.PeerTradedKwh, 1)} kWh traded between peers; {o.StopReason}.";
    }

    /// <summary>The report section of one market run.</summary>
    public static ReportSection Section(MarketOutcomeMessage o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var c = MarketRunTables.CurrencyOf(o);
        var hours = o.Steps.Select(s => s.Step * o.StepMinutes / 60.0).Append(o.Steps.Length * o.StepMinutes / 60.0).ToArray();
        var prices = new ReportFigure("market-prices.png", "Market prices per step and the grid's tariffs", "hours from start", $"price ({c}/kWh)", FigureKind.Step,
        [
            new ReportSeries("grid retail (λ_b)", hours, o.Steps.Select(s => s.RetailPerKwh).ToArray()),
            new ReportSeries("grid feed-in (λ_s)", hours, o.Steps.Select(s => s.FeedInPerKwh).ToArray()),
            new ReportSeries("market buy", hours, o.Steps.Select(s => s.BuyPerKwh).ToArray()),
            new ReportSeries("market sell", hours, o.Steps.Select(s => s.SellPerKwh).ToArray()),
        ]);
        var labels = o.Steps.Select(s => s.Step.ToString(CultureInfo.InvariantCulture)).ToList();
        var trades = new ReportFigure("market-trades.png", "Energy per step: between peers, from and to the grid", "step", "energy (kWh; fed to the grid below 0)", FigureKind.StackedBars,
        [
            new ReportSeries("traded between peers", [], o.Steps.Select(s => s.PeerTradedKwh).ToArray()),
            new ReportSeries("grid import", [], o.Steps.Select(s => s.GridImportKwh).ToArray()),
            new ReportSeries("grid export", [], o.Steps.Select(s => -s.GridExportKwh).ToArray()),
        ], labels);
        var iterations = o.Trace.Select(i => (double)i.Iteration).ToArray();
        var convergence = new ReportFigure("market-convergence.png", "Community cost per iteration (0: everyone alone)", "iteration", $"community cost ({c})", FigureKind.Line,
        [
            new ReportSeries("community cost", iterations, o.Trace.Select(i => i.CommunityCost).ToArray()),
            new ReportSeries("largest price change", iterations, o.Trace.Select(i => i.MaxPriceChangePerKwh).ToArray(), OnRightAxis: true),
        ], RightAxisLabel: $"price change ({c}/kWh)");

        var text = string.Join("\n\n",
            MarketRunTables.Heading(o),
            "Every prosumer is a grain that solves its own least-cost schedule (a MILP: PV, a battery that never charges and discharges at once, flexible loads in their windows) against the prices the market coordinator grain sends; the coordinator prices the schedules peer to peer and sends damped prices again until the community's cost settles, then applies the grid nodes' limits and settles every step in whole cents. This is what \"sems market run examples/market/bilbao-ped.json\" runs.",
            $"{(o.Converged ? "Converged" : "Not converged")}: {o.StopReason}. {Summary(o)}");
        var tables = MarketRunTables.All(o);
        return new ReportSection("Local energy market", text, [tables[2], tables[0], tables[1], tables[3]], [prices, trades, convergence], Csvs(o));
    }

    private static IReadOnlyList<ReportCsv> Csvs(MarketOutcomeMessage o)
    {
        var steps = new ReportCsv("market-steps.csv",
            ["step", "retail_per_kWh", "feed_in_per_kWh", "buy_per_kWh", "sell_per_kWh", "peer_traded_kWh", "grid_import_kWh", "grid_export_kWh"],
            o.Steps.Select(s => (IReadOnlyList<double>)[s.Step, s.RetailPerKwh, s.FeedInPerKwh, s.BuyPerKwh, s.SellPerKwh, s.PeerTradedKwh, s.GridImportKwh, s.GridExportKwh]).ToList());
        var trace = new ReportCsv("market-trace.csv",
            ["iteration", "community_cost", "peer_traded_kWh", "grid_import_kWh", "grid_export_kWh", "max_price_change_per_kWh", "answered"],
            o.Trace.Select(i => (IReadOnlyList<double>)[i.Iteration, i.CommunityCost, i.PeerTradedKwh, i.GridImportKwh, i.GridExportKwh, i.MaxPriceChangePerKwh, i.Answered]).ToList());
        return [steps, trace];
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
