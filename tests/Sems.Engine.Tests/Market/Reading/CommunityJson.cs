using System.Text.Json.Nodes;

namespace Sems.Engine.Tests.Market.Reading;

/// <summary>
/// A valid community file of 4 hourly steps as a mutable <see cref="JsonObject"/>, so that each test changes one field
/// addressed by the JSON path the reader reports (with the district tests' <c>Set</c>/<c>Without</c>).
/// </summary>
/// <remarks>
/// prosumers[0] "home-1": a virtual dwelling on feeder-a with PV, a battery and a dishwasher;
/// prosumers[1] "office": a tertiary building at the root with a constant 20 kW load and nothing else;
/// prosumers[2] "ems-3": an external dwelling on the substation with only an import limit.
/// </remarks>
public static class CommunityJson
{
    public static JsonObject Baseline() => new()
    {
        ["name"] = "riverside-market",
        ["title"] = "Riverside local market",
        ["currency"] = "EUR",
        ["start"] = "2022-06-15T00:00:00Z",
        ["stepMinutes"] = 60,
        ["horizonSteps"] = 4,
        ["tariff"] = new JsonObject { ["retail"] = new JsonArray(0.30, 0.25, 0.20, 0.28), ["feedIn"] = 0.05 },
        ["grid"] = new JsonObject
        {
            ["nodes"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "substation",
                    ["limits"] = new JsonObject { ["electricity"] = new JsonObject { ["importMax"] = 100, ["exportMax"] = 40 } },
                },
                new JsonObject
                {
                    ["id"] = "feeder-a",
                    ["parent"] = "substation",
                    ["limits"] = new JsonObject { ["electricity"] = new JsonObject { ["exportMax"] = new JsonArray(10, 20, 30, 40) } },
                }),
        },
        ["market"] = new JsonObject
        {
            ["mechanism"] = "auction",
            ["threshold"] = 0.05,
            ["priceTolerance"] = 0.002,
            ["maxIterations"] = 12,
            ["damping"] = 0.8,
            ["onMissing"] = "wait",
            ["responseTimeoutSeconds"] = 7.5,
        },
        ["prosumers"] = new JsonArray(Home(), Office(), External()),
    };

    public static JsonObject Home() => new()
    {
        ["id"] = "home-1",
        ["kind"] = "dwelling",
        ["node"] = "feeder-a",
        ["virtual"] = true,
        ["loadKw"] = new JsonArray(1, 2, 3, 4),
        ["pvKw"] = new JsonArray(0, 5, 6, 0),
        ["importMaxKw"] = 10,
        ["exportMaxKw"] = 8,
        ["battery"] = new JsonObject
        {
            ["capacityKwh"] = 10,
            ["socInitialKwh"] = 5,
            ["socMinKwh"] = 1,
            ["chargeMaxKw"] = 3,
            ["dischargeMaxKw"] = 4,
            ["chargeEfficiency"] = 0.95,
            ["dischargeEfficiency"] = 0.9,
            ["terminal"] = "atLeastInitial",
        },
        ["flexibleLoads"] = new JsonArray(new JsonObject
        {
            ["id"] = "dishwasher",
            ["profileKw"] = new JsonArray(1.2, 0.8),
            ["earliestStartStep"] = 1,
            ["latestEndStep"] = 3,
            ["preferredStartStep"] = 1,
            ["delayCostPerStep"] = 0.1,
        }),
    };

    public static JsonObject Office() => new()
    {
        ["id"] = "office",
        ["kind"] = "tertiary",
        ["loadKw"] = 20,
        ["importMaxKw"] = 50,
        ["exportMaxKw"] = 0,
    };

    public static JsonObject External() => new()
    {
        ["id"] = "ems-3",
        ["kind"] = "dwelling",
        ["node"] = "substation",
        ["external"] = true,
        ["importMaxKw"] = 12,
    };

    /// <summary>The least valid file: a name, a flat tariff and one prosumer; every other field takes its default.</summary>
    public static JsonObject Minimal() => new()
    {
        ["name"] = "tiny",
        ["tariff"] = new JsonObject { ["retail"] = 0.3, ["feedIn"] = 0.1 },
        ["prosumers"] = new JsonArray(new JsonObject { ["id"] = "p1", ["kind"] = "dwelling", ["loadKw"] = 1, ["importMaxKw"] = 5, ["exportMaxKw"] = 5 }),
    };
}
