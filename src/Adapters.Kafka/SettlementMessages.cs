using Sems.Engine.Market;

namespace Sems.Adapters.Kafka;

/// <summary>The settlement message of a market run, from the coordinator's outcome.</summary>
public static class SettlementMessages
{
    /// <summary>Every settled prosumer's bill with its baseline and savings, the budget, and who was left out with the coordinator's reason.</summary>
    /// <param name="community">The market run.</param>
    /// <param name="runId">The run's id (<see cref="KafkaMarketRound.RunId"/>).</param>
    /// <param name="outcome">What <see cref="MarketCoordinator.RunAsync(Community, IMarketRound, CancellationToken)"/> returned.</param>
    public static SettlementMessage From(Community community, string runId, MarketOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(outcome);
        var kpis = outcome.Kpis.Prosumers.ToDictionary(k => k.ProsumerId, StringComparer.Ordinal);
        var lines = outcome.Settlement.Prosumers.Select(b =>
        {
            var baseline = kpis.TryGetValue(b.ProsumerId, out var kpi) ? kpi.BaselineBillCents : b.BillCents;
            return new SettlementLine(b.ProsumerId, b.BoughtKwh, b.SoldKwh, b.PeerBoughtKwh, b.PeerSoldKwh, b.GridBoughtKwh, b.GridSoldKwh,
                b.PaidCents, b.EarnedCents, b.BillCents, baseline, baseline - b.BillCents);
        }).ToList();
        var s = outcome.Settlement;
        var budget = new SettlementBudget(s.BuyersPayCents, s.SellersEarnCents, s.GridPaidCents, s.GridPaysCents, s.PeerTradedKwh, s.BudgetBalanced);
        var leftOut = outcome.Missing.Select(r => new LeftOutProsumer(r.ProsumerId, r.Problem ?? "no valid schedule")).ToList();
        return new SettlementMessage(SettlementMessage.Name, runId, community.Name, community.Currency, Mechanism(outcome.Mechanism), outcome.Converged,
            outcome.StopReason, outcome.Iterations, lines, budget, leftOut);
    }

    /// <summary>The mechanism's name on the wire.</summary>
    public static string Mechanism(MarketMechanism mechanism) => mechanism switch
    {
        MarketMechanism.Sdr => "sdr",
        MarketMechanism.Auction => "auction",
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, $"unknown market mechanism {mechanism}"),
    };
}
