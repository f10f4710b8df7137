using System.Text.Json.Nodes;
using Sems.Engine.Market;

namespace Sems.Bench.Market;

/// <summary>Writes a <see cref="Community"/> as a community file (docs/market-format.md), so a generated community can be checked by the reader and kept.</summary>
public static class CommunityFile
{
    /// <summary>The community file's JSON text; a series whose values are all equal is written as one number.</summary>
    public static string Write(Community community)
    {
        ArgumentNullException.ThrowIfNull(community);
        var root = new JsonObject
        {
            ["name"] = community.Name,
            ["title"] = community.Title,
            ["currency"] = community.Currency,
            ["start"] = community.Start?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["stepMinutes"] = community.StepMinutes,
            ["horizonSteps"] = community.Steps,
            ["tariff"] = new JsonObject { ["retail"] = Series(community.RetailPerKwh), ["feedIn"] = Series(community.FeedInPerKwh) },
            ["market"] = new JsonObject
            {
                ["mechanism"] = community.Market.Mechanism == MarketMechanism.Sdr ? "sdr" : "auction",
                ["threshold"] = community.Market.ThresholdCurrency,
                ["priceTolerance"] = community.Market.PriceTolerancePerKwh,
                ["maxIterations"] = community.Market.MaxIterations,
                ["damping"] = community.Market.Damping,
                ["onMissing"] = community.Market.OnMissing == MissingProsumerPolicy.SettleWithout ? "settleWithout" : "wait",
                ["responseTimeoutSeconds"] = community.Market.ResponseTimeout.TotalSeconds,
            },
            ["prosumers"] = new JsonArray(community.Prosumers.Select(Prosumer).ToArray<JsonNode?>()),
        };
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Prosumer(Prosumer p)
    {
        var o = new JsonObject { ["id"] = p.Id, ["kind"] = p.Kind };
        if (p.Node is not null) o["node"] = p.Node;
        if (p.Virtual) o["virtual"] = true;
        o["loadKw"] = Series(p.LoadKw);
        o["pvKw"] = Series(p.PvKw);
        o["importMaxKw"] = Series(p.ImportMaxKw);
        o["exportMaxKw"] = Series(p.ExportMaxKw);
        if (p.Battery is { } b)
        {
            o["battery"] = new JsonObject
            {
                ["capacityKwh"] = b.CapacityKwh,
                ["socInitialKwh"] = b.SocInitialKwh,
                ["socMinKwh"] = b.SocMinKwh,
                ["chargeMaxKw"] = b.ChargeMaxKw,
                ["dischargeMaxKw"] = b.DischargeMaxKw,
                ["chargeEfficiency"] = b.ChargeEfficiency,
                ["dischargeEfficiency"] = b.DischargeEfficiency,
                ["terminal"] = b.EndAtLeastInitial ? "atLeastInitial" : "none",
            };
        }

        if (p.FlexibleLoads.Count > 0)
        {
            o["flexibleLoads"] = new JsonArray(p.FlexibleLoads.Select(f => (JsonNode?)new JsonObject
            {
                ["id"] = f.Id,
                ["profileKw"] = new JsonArray(f.ProfileKw.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                ["earliestStartStep"] = f.EarliestStartStep,
                ["latestEndStep"] = f.LatestEndStep,
                ["preferredStartStep"] = f.PreferredStartStep,
                ["delayCostPerStep"] = f.DelayCostPerStep,
            }).ToArray());
        }

        return o;
    }

    private static JsonNode Series(IReadOnlyList<double> values) =>
        values.All(v => v == values[0]) ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
