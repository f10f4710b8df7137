using Sems.Contracts.Market;
using Sems.Engine.Market;

namespace Sems.Grains.Market;

/// <summary>
/// The wire form of a market run's outcome: the engine's trace, settlement, KPIs and DSO step, joined per prosumer, with
/// every node's net flow and limits per step added (the flows summed from the settled schedules of its subtree).
/// </summary>
public static class MarketOutcomeMapper
{
    /// <param name="community">The community the run was for.</param>
    /// <param name="outcome">The engine's outcome.</param>
    /// <param name="limits">The DSO's limits the run had on some nodes (replacing the community's there); null for none.</param>
    /// <param name="dsoVersions">node id → the DSO version that set each step's import limit (0: the file's); null for none.</param>
    public static MarketOutcomeMessage ToWire(Community community, MarketOutcome outcome, MarketGridLimits? limits = null, IReadOnlyDictionary<string, long[]>? dsoVersions = null)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(outcome);
        var steps = community.Steps;
        var trace = outcome.Trace.Select(i => new MarketIterationMessage(i.Iteration, i.BuyPerKwh.ToArray(), i.SellPerKwh.ToArray(), i.CommunityCost,
            i.PeerTradedKwh, i.GridImportKwh, i.GridExportKwh, i.MaxPriceChangePerKwh, i.Answered, i.CostChange)).ToArray();
        var settlement = outcome.Settlement;
        var marketSteps = settlement.Steps.Select(s => new MarketStepMessage(s.Step, community.RetailPerKwh[s.Step], community.FeedInPerKwh[s.Step],
            s.BuyPerKwh, s.SellPerKwh, s.PeerTradedKwh, s.GridImportKwh, s.GridExportKwh)).ToArray();

        var members = community.Prosumers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var bills = settlement.Prosumers.ToDictionary(b => b.ProsumerId, StringComparer.Ordinal);
        var finals = outcome.Final.ToDictionary(s => s.ProsumerId, StringComparer.Ordinal);
        var prosumers = outcome.Kpis.Prosumers.Select(k =>
        {
            var p = members[k.ProsumerId];
            var bill = bills.GetValueOrDefault(k.ProsumerId);
            var final = finals.GetValueOrDefault(k.ProsumerId);
            return new ProsumerOutcomeMessage(k.ProsumerId, p.Kind, p.Node, k.BaselineBillCents, k.MarketBillCents, k.SavingsCents,
                bill?.PaidCents ?? 0, bill?.EarnedCents ?? 0, k.BaselineSelfSufficiency, k.SelfSufficiency, k.BaselineSelfConsumption, k.SelfConsumption,
                k.PeerBoughtKwh, k.PeerSoldKwh, bill?.GridBoughtKwh ?? 0, bill?.GridSoldKwh ?? 0, k.PeakImportKw, k.PeakExportKw,
                k.BaselineDiscomfortCost, k.MarketDiscomfortCost, final?.ImportKw.ToArray() ?? [], final?.ExportKw.ToArray() ?? []);
        }).ToArray();

        var c = outcome.Kpis.Community;
        var totals = new MarketTotalsMessage(c.BaselineBillCents, c.MarketBillCents, c.SavingsCents, c.BaselineSelfSufficiency, c.SelfSufficiency,
            c.BaselineSelfConsumption, c.SelfConsumption, c.PeerTradedKwh, c.GridImportKwh, c.GridExportKwh, c.BaselineGridImportKwh, c.BaselineGridExportKwh,
            c.PeakImportKw, c.PeakExportKw, c.BaselinePeakImportKw, c.BaselinePeakExportKw);

        var flows = NodeFlows(community, outcome.Final);
        var reports = outcome.Grid.Nodes.ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        var nodes = community.Grid.Nodes.Select((node, k) =>
        {
            var r = reports.GetValueOrDefault(node.Id);
            return new MarketNodeMessage(node.Id, flows[k],
                Limit(node.Id, node.ImportMaxKw, limits?.ImportMaxKw, steps), Limit(node.Id, node.ExportMaxKw, limits?.ExportMaxKw, steps),
                dsoVersions?.GetValueOrDefault(node.Id) is { } v && v.Length == steps ? v.ToArray() : new long[steps],
                r?.PeakImportKw ?? 0, r?.PeakImportStep ?? 0, r?.ImportMaxAtPeakKw, r?.PeakExportKw ?? 0, r?.PeakExportStep ?? 0, r?.ExportMaxAtPeakKw,
                r?.ImportExcessBeforeKwh ?? 0, r?.ImportExcessAfterKwh ?? 0, r?.ExportExcessBeforeKwh ?? 0, r?.ExportExcessAfterKwh ?? 0,
                r?.StepsInExcessBefore ?? 0, r?.StepsInExcessAfter ?? 0);
        }).ToArray();
        var grid = new MarketGridMessage(outcome.Grid.Holds, outcome.Grid.Rounds, outcome.Grid.Capped.ToArray(),
            outcome.Grid.Problems.Select(Missing).ToArray(), outcome.Grid.Summary, nodes);

        return new MarketOutcomeMessage(community.Name, community.Title, community.Currency, community.Start, community.StepMinutes,
            MarketMapper.MechanismName(outcome.Mechanism), outcome.Converged, outcome.StopReason, outcome.Iterations, outcome.PriceResidualPerKwh,
            trace, marketSteps, prosumers, totals, grid, outcome.Missing.Select(Missing).ToArray(),
            new MarketBudgetMessage(settlement.BuyersPayCents, settlement.SellersEarnCents, settlement.GridPaidCents, settlement.GridPaysCents, settlement.BudgetBalanced));
    }

    /// <summary>Per node (grid order) and step: Σ (import − export) of the schedules of the prosumers in its subtree, kW.</summary>
    public static double[][] NodeFlows(Community community, IEnumerable<ProsumerSchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(schedules);
        var grid = community.Grid;
        var flows = grid.Nodes.Select(_ => new double[community.Steps]).ToArray();
        var nodeOf = community.Prosumers.ToDictionary(p => p.Id, p => p.Node is { } n && grid.TryIndexOf(n, out var k) ? k : 0, StringComparer.Ordinal);
        foreach (var s in schedules)
        {
            if (!nodeOf.TryGetValue(s.ProsumerId, out var node)) continue;
            foreach (var k in grid.PathToRoot(node))
            {
                for (var t = 0; t < community.Steps; t++) flows[k][t] += s.ImportKw[t] - s.ExportKw[t];
            }
        }

        return flows;
    }

    private static double[] Limit(string node, IReadOnlyDictionary<string, Sems.Engine.Model.Series> own, IReadOnlyDictionary<string, IReadOnlyList<double>>? overrides, int steps)
    {
        if (overrides is not null && overrides.TryGetValue(node, out var dso)) return dso.ToArray();
        return own.TryGetValue(Community.Electricity, out var series) ? series.ToArray() : Enumerable.Repeat(double.PositiveInfinity, steps).ToArray();
    }

    private static MissingProsumerMessage Missing(ProsumerReply reply) => new(reply.ProsumerId, reply.Problem ?? "no schedule");
}
