namespace Sems.Adapters.Kafka;

/// <summary>
/// <c>sems.market.settlement/1</c> (<c>schemas/market/settlement.schema.json</c>): how a run ended and what every settled
/// prosumer paid and earned, on <c>{prefix}.settlements.v1</c> keyed by the run id.
/// </summary>
/// <param name="Schema">Always <see cref="Name"/>.</param>
/// <param name="RunId">The run settled.</param>
/// <param name="Market">The community's name.</param>
/// <param name="Currency">ISO 4217 code of the amounts; null = currency units.</param>
/// <param name="Mechanism">"sdr" or "auction": how the steps were priced.</param>
/// <param name="Converged">Whether the cost reduction between iterations fell below the threshold.</param>
/// <param name="StopReason">Why the iterations stopped, in words.</param>
/// <param name="Iterations">How many iterations ran.</param>
/// <param name="Prosumers">One line per settled prosumer.</param>
/// <param name="Budget">The community's totals.</param>
/// <param name="LeftOut">Who was not settled, and why.</param>
public sealed record SettlementMessage(
    string Schema,
    string RunId,
    string Market,
    string? Currency,
    string Mechanism,
    bool Converged,
    string StopReason,
    int Iterations,
    IReadOnlyList<SettlementLine> Prosumers,
    SettlementBudget Budget,
    IReadOnlyList<LeftOutProsumer> LeftOut)
{
    /// <summary>The message's name and major version, in its <c>schema</c> field and Kafka header.</summary>
    public const string Name = "sems.market.settlement/1";
}
