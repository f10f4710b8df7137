using Sems.Engine.Market;
using Sems.Engine.Model;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>Small communities for the coordinator's tests.</summary>
internal static class MarketCommunities
{
    /// <summary>A prosumer with a load and PV profile (for the KPIs) at a node.</summary>
    public static Prosumer Member(string id, double[] loadKw, double[] pvKw, string? node = null) =>
        new(id, "dwelling", node, false, false, loadKw, pvKw,
            Enumerable.Repeat(100.0, loadKw.Length).ToArray(), Enumerable.Repeat(100.0, loadKw.Length).ToArray(), null, []);

    /// <summary>A community with constant tariffs λ_b = 0.30, λ_s = 0.05 EUR/kWh and hourly steps by default.</summary>
    public static Community Make(IReadOnlyList<Prosumer> prosumers, MarketSettings market, GridTopology? grid = null,
        double retail = 0.30, double feedIn = 0.05, int stepMinutes = 60)
    {
        var steps = prosumers[0].LoadKw.Count;
        return new Community("test", null, "EUR", null, stepMinutes, steps,
            Enumerable.Repeat(retail, steps).ToArray(), Enumerable.Repeat(feedIn, steps).ToArray(),
            prosumers, grid ?? GridTopology.Single("root", new Dictionary<string, Series>(StringComparer.Ordinal)), market);
    }

    public static MarketSettings Settings(double damping = 0.5, int maxIterations = 60, MarketMechanism mechanism = MarketMechanism.Sdr, double threshold = 0.01) =>
        MarketSettings.Default with { Damping = damping, MaxIterations = maxIterations, Mechanism = mechanism, ThresholdCurrency = threshold };
}
