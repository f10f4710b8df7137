using Sems.Engine.Market;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>
/// The in-process side of the process tests: <see cref="LocalMarketRound"/> with one prosumer answered otherwise, so that
/// <see cref="MarketCoordinator"/> computes, without Kafka, what the processes should have settled.
/// </summary>
internal sealed class ScriptedRound(IMarketRound inner, string prosumerId, Func<ProsumerRequest, ProsumerReply> answer) : IMarketRound
{
    public async Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken)
    {
        var others = requests.Where(r => r.ProsumerId != prosumerId).ToList();
        var replies = new Queue<ProsumerReply>(await inner.AskAsync(others, cancellationToken));
        return requests.Select(r => r.ProsumerId == prosumerId ? answer(r) : replies.Dequeue()).ToList();
    }

    /// <summary>The prosumer answers as the inner round does up to <paramref name="lastIteration"/>, and not at all after.</summary>
    public static ScriptedRound SilentAfter(IMarketRound inner, string prosumerId, int lastIteration, string problem) =>
        new(inner, prosumerId, r => r.Iteration <= lastIteration ? inner.AskAsync([r], CancellationToken.None).GetAwaiter().GetResult()[0] : new ProsumerReply(r.ProsumerId, null, problem));

    /// <summary>The prosumer answers what the Node.js prosumer does: the same import and export at every step, costed at the prices asked.</summary>
    public static ScriptedRound Fixed(IMarketRound inner, string prosumerId, double importKw, double exportKw, double stepHours) =>
        new(inner, prosumerId, r =>
        {
            var steps = r.BuyPerKwh.Count;
            var import = Enumerable.Range(0, steps).Select(t => Math.Min(importKw, r.ImportCapKw?[t] ?? double.PositiveInfinity)).ToArray();
            var export = Enumerable.Range(0, steps).Select(t => Math.Min(exportKw, r.ExportCapKw?[t] ?? double.PositiveInfinity)).ToArray();
            var cost = 0.0;
            for (var t = 0; t < steps; t++) cost += stepHours * (r.BuyPerKwh[t] * import[t] - r.SellPerKwh[t] * export[t]);
            return new ProsumerReply(r.ProsumerId, new ProsumerSchedule(r.ProsumerId, r.Iteration, import, export, cost, 0), null);
        });
}
