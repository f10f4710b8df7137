using Sems.Engine.Market;
using Sems.Engine.Model;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>A small community of three steps of 60 min: the round only reads its name, steps, step, start, currency and market options.</summary>
internal static class TestCommunity
{
    public static Community Create(string name, TimeSpan timeout, MissingProsumerPolicy onMissing = MissingProsumerPolicy.SettleWithout)
    {
        var root = new GridNode(name, null, new Dictionary<string, Series>(), new Dictionary<string, Series>());
        return new Community(name, null, "EUR", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), 60, 3, [0.3, 0.3, 0.3], [0.05, 0.05, 0.05], [],
            new GridTopology([root]), MarketSettings.Default with { ResponseTimeout = timeout, OnMissing = onMissing });
    }

    /// <summary>A request at the given buy prices (sell = buy / 4).</summary>
    public static ProsumerRequest Request(string id, int iteration, params double[] buy) =>
        new(id, iteration, buy, buy.Select(b => b / 4).ToArray(), null, null);

    /// <summary>
    /// A fixed rule a test prosumer answers with: it imports 2 kW in every step whose buy price is below 0.28 currency/kWh
    /// and exports 1 kW in the others; costs as Δt = 1 h: Σ (buy·import − sell·export). The tests write the expected
    /// arrays by hand.
    /// </summary>
    public static ProsumerReply Rule(ProsumerRequest request)
    {
        var import = request.BuyPerKwh.Select(b => b < 0.28 ? 2.0 : 0.0).ToArray();
        var export = request.BuyPerKwh.Select(b => b < 0.28 ? 0.0 : 1.0).ToArray();
        var cost = Enumerable.Range(0, import.Length).Sum(t => request.BuyPerKwh[t] * import[t] - request.SellPerKwh[t] * export[t]);
        return new ProsumerReply(request.ProsumerId, new ProsumerSchedule(request.ProsumerId, request.Iteration, import, export, cost, 0.01), null);
    }
}
