using Sems.Engine.Market;
using Sems.Engine.Model;

namespace Sems.Grains.Tests.Market;

/// <summary>Small communities built in code for the market grain tests.</summary>
internal static class TestCommunities
{
    /// <summary>A prosumer with neither battery nor flexible loads.</summary>
    public static Prosumer Passive(string id, double[] loadKw, double[] pvKw, string? node = null, double connectionKw = 50) =>
        new(id, "dwelling", node, false, false, loadKw, pvKw, Repeat(connectionKw, loadKw.Length), Repeat(connectionKw, loadKw.Length), null, []);

    /// <summary>A community of the given prosumers on a flat tariff, one root node with no limits unless a grid is given.</summary>
    public static Community Of(string name, double retail, double feedIn, IReadOnlyList<Prosumer> prosumers, GridTopology? grid = null, MarketSettings? settings = null, int stepMinutes = 60)
    {
        var steps = prosumers[0].LoadKw.Count;
        return new Community(name, null, "EUR", new DateTimeOffset(2022, 7, 14, 0, 0, 0, TimeSpan.Zero), stepMinutes, steps,
            Repeat(retail, steps), Repeat(feedIn, steps), prosumers,
            grid ?? GridTopology.Single(name, new Dictionary<string, Series>(StringComparer.Ordinal)),
            settings ?? MarketSettings.Default);
    }

    /// <summary>A root and one feeder below it with the given electricity limits (null: none).</summary>
    public static GridTopology Feeder(string root, string feeder, int steps, double? importMaxKw, double? exportMaxKw)
    {
        var import = new Dictionary<string, Series>(StringComparer.Ordinal);
        var export = new Dictionary<string, Series>(StringComparer.Ordinal);
        if (importMaxKw is { } i) import[Community.Electricity] = Series.Constant(i, steps);
        if (exportMaxKw is { } e) export[Community.Electricity] = Series.Constant(e, steps);
        return new GridTopology([
            new GridNode(root, null, new Dictionary<string, Series>(StringComparer.Ordinal), new Dictionary<string, Series>(StringComparer.Ordinal)),
            new GridNode(feeder, root, import, export),
        ]);
    }

    public static double[] Repeat(double value, int steps) => Enumerable.Repeat(value, steps).ToArray();
}
