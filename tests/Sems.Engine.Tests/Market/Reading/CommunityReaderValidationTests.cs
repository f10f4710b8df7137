using System.Text.Json.Nodes;
using Sems.Engine.Market;
using Sems.Engine.Tests.Districts;

namespace Sems.Engine.Tests.Market.Reading;

/// <summary>
/// Each rule of the community file refuses the baseline with one field changed, with an error at that field that
/// names the value and the rule.
/// </summary>
public sealed class CommunityReaderValidationTests
{
    private static CommunityReadResult Read(JsonObject file) => CommunityReader.Read(file.ToText());

    /// <summary>Sets <paramref name="field"/> to the JSON <paramref name="value"/>; the only error is at <paramref name="path"/>.</summary>
    [Theory]
    // top level
    [InlineData("name", "\"bad name\"", "name", "\"bad name\"", "is not an id")]
    [InlineData("title", "\"   \"", "title", "is not a community title")]
    [InlineData("currency", "\"eur\"", "currency", "\"eur\"", "ISO 4217")]
    [InlineData("start", "\"yesterday\"", "start", "\"yesterday\"", "is not an ISO 8601 timestamp")]
    [InlineData("stepMinutes", "7", "stepMinutes", "7", "does not divide a day")]
    [InlineData("stepMinutes", "30.5", "stepMinutes", "30.5", "is not an integer")]
    [InlineData("horizonSteps", "0", "horizonSteps", "0", "is less than 1")]
    // tariff
    [InlineData("tariff", "0.3", "tariff", "0.3", "is not an object")]
    [InlineData("tariff.retail", "[0.3, 0.3, 0.3]", "tariff.retail", "an array of 3 numbers", "exactly 4 numbers")]
    [InlineData("tariff.retail", "[0.3, 0.3, \"x\", 0.3]", "tariff.retail[2]", "\"x\"", "is not a number")]
    [InlineData("tariff.feedIn", "-0.01", "tariff.feedIn", "-0.01", "is negative")]
    [InlineData("tariff.feedIn", "[0.05, 0.25, 0.05, 0.05]", "tariff.feedIn[1]", "0.25", "is not below the retail price (0.25 per kWh) at step 1")]
    [InlineData("tariff.feedIn", "0.21", "tariff.feedIn", "0.21", "is not below the retail price (0.2 per kWh) at step 2")]
    [InlineData("tariff.retail", "20000", "tariff.retail", "20000", "is beyond ±1e4 per kWh")]
    // grid
    [InlineData("grid.nodes[0].limits.heat", "{ \"importMax\": 5 }", "grid.nodes[0].limits.heat", "\"heat\"", "is not \"electricity\"")]
    [InlineData("grid.nodes[0].limits.electricity.importMax", "-1", "grid.nodes[0].limits.electricity.importMax", "-1", "is negative")]
    [InlineData("grid.nodes[1].limits.electricity.exportMax", "[1, 2]", "grid.nodes[1].limits.electricity.exportMax", "an array of 2 numbers", "exactly 4 numbers")]
    [InlineData("grid.nodes[1].parent", "\"nowhere\"", "grid.nodes[1].parent", "\"nowhere\"", "is not a node id (ids: \"substation\", \"feeder-a\")")]
    [InlineData("prosumers[0].node", "\"feeder-z\"", "prosumers[0].node", "\"feeder-z\"", "is not a node id of the grid", "\"substation\", \"feeder-a\"")]
    [InlineData("prosumers[0].node", "\"feeder a\"", "prosumers[0].node", "\"feeder a\"", "is not an id")]
    // market
    [InlineData("market", "[]", "market", "an array of 0", "is not an object")]
    [InlineData("market.mechanism", "\"pool\"", "market.mechanism", "\"pool\"", "is not one of \"sdr\", \"auction\"")]
    [InlineData("market.threshold", "0", "market.threshold", "0", "is not > 0")]
    [InlineData("market.priceTolerance", "0", "market.priceTolerance", "0", "is not > 0")]
    [InlineData("market.priceTolerance", "20000", "market.priceTolerance", "20000", "is beyond ±1e4 per kWh")]
    [InlineData("market.maxIterations", "0", "market.maxIterations", "0", "is less than 1")]
    [InlineData("market.maxIterations", "1001", "market.maxIterations", "1001", "is greater than 1000")]
    [InlineData("market.damping", "0", "market.damping", "0", "is not in (0, 1]")]
    [InlineData("market.damping", "1.5", "market.damping", "1.5", "is not in (0, 1]")]
    [InlineData("market.onMissing", "\"retry\"", "market.onMissing", "\"retry\"", "is not one of \"settleWithout\", \"wait\"")]
    [InlineData("market.responseTimeoutSeconds", "-1", "market.responseTimeoutSeconds", "-1", "is not > 0")]
    [InlineData("market.responseTimeoutSeconds", "90000", "market.responseTimeoutSeconds", "90000", "is beyond ±86400 s")]
    // prosumers
    [InlineData("prosumers", "[]", "prosumers", "an empty array", "has no prosumer")]
    [InlineData("prosumers", "{}", "prosumers", "an object", "is not an array")]
    [InlineData("prosumers[0].id", "\"home 1\"", "prosumers[0].id", "\"home 1\"", "is not an id")]
    [InlineData("prosumers[1].id", "\"home-1\"", "prosumers[1].id", "\"home-1\"", "duplicates prosumers[0].id")]
    [InlineData("prosumers[1].kind", "7", "prosumers[1].kind", "7", "is not a string")]
    [InlineData("prosumers[0].virtual", "\"yes\"", "prosumers[0].virtual", "\"yes\"", "is not true or false")]
    [InlineData("prosumers[2].external", "1", "prosumers[2].external", "1", "is not true or false")]
    [InlineData("prosumers[0].loadKw", "[1, 2, -3, 4]", "prosumers[0].loadKw[2]", "-3", "is negative: a power is in kW")]
    [InlineData("prosumers[0].loadKw", "[1, 2, 3, 4, 5]", "prosumers[0].loadKw", "an array of 5 numbers", "exactly 4 numbers")]
    [InlineData("prosumers[0].pvKw", "-0.5", "prosumers[0].pvKw", "-0.5", "is negative")]
    [InlineData("prosumers[0].importMaxKw", "[10, 10, 10, -1]", "prosumers[0].importMaxKw[3]", "-1", "is negative")]
    [InlineData("prosumers[1].exportMaxKw", "-2", "prosumers[1].exportMaxKw", "-2", "is negative")]
    [InlineData("prosumers[1].importMaxKw", "2e7", "prosumers[1].importMaxKw", "20000000", "is beyond ±1e7 kW")]
    // a load the connection cannot supply: office 20 kW against 15 kW import, no PV, no battery
    [InlineData("prosumers[1].importMaxKw", "15", "prosumers[1].loadKw", "20", "at step 0 is more than the prosumer can supply: importMaxKw + pvKw = 15 kW")]
    // home-1 at step 3: 10 kW import + 0 kW PV + 4 kW discharge = 14 kW < 14.5 kW
    [InlineData("prosumers[0].loadKw", "[1, 2, 3, 14.5]", "prosumers[0].loadKw[3]", "14.5", "at step 3", "importMaxKw + pvKw + battery.dischargeMaxKw = 14 kW")]
    // external prosumers name no assets
    [InlineData("prosumers[2].loadKw", "3", "prosumers[2].loadKw", "3", "is given for an external prosumer")]
    [InlineData("prosumers[2].pvKw", "[0, 1, 1, 0]", "prosumers[2].pvKw", "an array of 4", "is given for an external prosumer")]
    [InlineData("prosumers[2].battery", "{}", "prosumers[2].battery", "an object", "is given for an external prosumer")]
    [InlineData("prosumers[2].flexibleLoads", "[]", "prosumers[2].flexibleLoads", "an array of 0", "is given for an external prosumer")]
    [InlineData("prosumers[2].importMaxKw", "-12", "prosumers[2].importMaxKw", "-12", "is negative")]
    // battery
    [InlineData("prosumers[0].battery", "true", "prosumers[0].battery", "true", "is not an object")]
    [InlineData("prosumers[0].battery.capacityKwh", "0", "prosumers[0].battery.capacityKwh", "0", "is not > 0")]
    [InlineData("prosumers[0].battery.socInitialKwh", "11", "prosumers[0].battery.socInitialKwh", "11", "is not in [socMinKwh, capacityKwh] = [1, 10] kWh")]
    [InlineData("prosumers[0].battery.socInitialKwh", "0.5", "prosumers[0].battery.socInitialKwh", "0.5", "is not in [socMinKwh, capacityKwh] = [1, 10] kWh")]
    [InlineData("prosumers[0].battery.socMinKwh", "12", "prosumers[0].battery.socMinKwh", "12", "is greater than capacityKwh (10 kWh)")]
    [InlineData("prosumers[0].battery.socMinKwh", "-1", "prosumers[0].battery.socMinKwh", "-1", "is negative: an energy is in kWh")]
    [InlineData("prosumers[0].battery.chargeMaxKw", "-3", "prosumers[0].battery.chargeMaxKw", "-3", "is negative")]
    [InlineData("prosumers[0].battery.dischargeMaxKw", "[4]", "prosumers[0].battery.dischargeMaxKw", "an array of 1", "is not a number")]
    [InlineData("prosumers[0].battery.chargeEfficiency", "1.2", "prosumers[0].battery.chargeEfficiency", "1.2", "is not in (0, 1]")]
    [InlineData("prosumers[0].battery.dischargeEfficiency", "0", "prosumers[0].battery.dischargeEfficiency", "0", "is not in (0, 1]")]
    [InlineData("prosumers[0].battery.terminal", "\"returnToInitial\"", "prosumers[0].battery.terminal", "\"returnToInitial\"", "is not one of \"none\", \"atLeastInitial\"")]
    // flexible loads (dishwasher: 2 steps, window [1, 3], so starts 1 or 2)
    [InlineData("prosumers[0].flexibleLoads", "{}", "prosumers[0].flexibleLoads", "an object", "is not an array")]
    [InlineData("prosumers[0].flexibleLoads[0].id", "\"dish washer\"", "prosumers[0].flexibleLoads[0].id", "\"dish washer\"", "is not an id")]
    [InlineData("prosumers[0].flexibleLoads[0].profileKw", "[]", "prosumers[0].flexibleLoads[0].profileKw", "an array of 0 numbers", "1 to 4 numbers")]
    [InlineData("prosumers[0].flexibleLoads[0].profileKw", "[1, 1, 1, 1, 1]", "prosumers[0].flexibleLoads[0].profileKw", "an array of 5 numbers", "1 to 4 numbers")]
    [InlineData("prosumers[0].flexibleLoads[0].profileKw", "1.2", "prosumers[0].flexibleLoads[0].profileKw", "1.2", "is not an array")]
    [InlineData("prosumers[0].flexibleLoads[0].profileKw", "[1.2, -0.8]", "prosumers[0].flexibleLoads[0].profileKw[1]", "-0.8", "is negative")]
    [InlineData("prosumers[0].flexibleLoads[0].profileKw", "[0, 0]", "prosumers[0].flexibleLoads[0].profileKw", "an array of 2 zeros", "uses no energy")]
    [InlineData("prosumers[0].flexibleLoads[0].earliestStartStep", "4", "prosumers[0].flexibleLoads[0].earliestStartStep", "4", "is greater than 3")]
    [InlineData("prosumers[0].flexibleLoads[0].earliestStartStep", "-1", "prosumers[0].flexibleLoads[0].earliestStartStep", "-1", "is less than 0")]
    [InlineData("prosumers[0].flexibleLoads[0].latestEndStep", "0", "prosumers[0].flexibleLoads[0].latestEndStep", "0", "is before earliestStartStep (1)")]
    [InlineData("prosumers[0].flexibleLoads[0].latestEndStep", "1", "prosumers[0].flexibleLoads[0].latestEndStep", "1",
        "leaves a window of 1 step from earliestStartStep 1, shorter than the profile's 2 steps")]
    [InlineData("prosumers[0].flexibleLoads[0].preferredStartStep", "3", "prosumers[0].flexibleLoads[0].preferredStartStep", "3", "= [1, 2]")]
    [InlineData("prosumers[0].flexibleLoads[0].preferredStartStep", "0", "prosumers[0].flexibleLoads[0].preferredStartStep", "0", "= [1, 2]")]
    [InlineData("prosumers[0].flexibleLoads[0].delayCostPerStep", "-0.1", "prosumers[0].flexibleLoads[0].delayCostPerStep", "-0.1", "is negative")]
    public void A_broken_rule_is_the_only_error_at_its_field(string field, string json, string path, params string[] fragments)
    {
        var result = Read(CommunityJson.Baseline().Set(field, JsonNode.Parse(json)));

        CommunityReadAssert.OnlyError(result, path, fragments);
    }

    [Theory]
    [InlineData("name", "name", "is missing")]
    [InlineData("tariff", "tariff", "is missing")]
    [InlineData("tariff.retail", "tariff.retail", "is missing")]
    [InlineData("tariff.feedIn", "tariff.feedIn", "is missing")]
    [InlineData("prosumers", "prosumers", "is missing")]
    [InlineData("prosumers[1].id", "prosumers[1].id", "is missing")]
    [InlineData("prosumers[1].kind", "prosumers[1].kind", "is missing")]
    [InlineData("prosumers[1].loadKw", "prosumers[1].loadKw", "is missing")]
    [InlineData("prosumers[1].importMaxKw", "prosumers[1].importMaxKw", "is missing")]
    [InlineData("prosumers[1].exportMaxKw", "prosumers[1].exportMaxKw", "is missing")]
    [InlineData("prosumers[0].battery.capacityKwh", "prosumers[0].battery.capacityKwh", "is missing")]
    [InlineData("prosumers[0].battery.socInitialKwh", "prosumers[0].battery.socInitialKwh", "is missing")]
    [InlineData("prosumers[0].battery.chargeMaxKw", "prosumers[0].battery.chargeMaxKw", "is missing")]
    [InlineData("prosumers[0].battery.dischargeMaxKw", "prosumers[0].battery.dischargeMaxKw", "is missing")]
    [InlineData("prosumers[0].flexibleLoads[0].id", "prosumers[0].flexibleLoads[0].id", "is missing")]
    [InlineData("prosumers[0].flexibleLoads[0].profileKw", "prosumers[0].flexibleLoads[0].profileKw", "is missing")]
    [InlineData("prosumers[0].flexibleLoads[0].earliestStartStep", "prosumers[0].flexibleLoads[0].earliestStartStep", "is missing")]
    [InlineData("prosumers[0].flexibleLoads[0].latestEndStep", "prosumers[0].flexibleLoads[0].latestEndStep", "is missing")]
    public void A_missing_required_field_is_the_only_error_at_its_path(string field, string path, string rule)
    {
        var result = Read(CommunityJson.Baseline().Without(field));

        CommunityReadAssert.OnlyError(result, path, rule);
    }

    [Fact]
    public void A_horizon_longer_than_31_days_is_refused_at_horizonSteps()
    {
        var result = Read(CommunityJson.Minimal().Set("stepMinutes", 1440).Set("horizonSteps", 32));

        CommunityReadAssert.OnlyError(result, "horizonSteps", "32", "with stepMinutes 1440 spans more than 31 days");
    }

    [Fact]
    public void A_repeated_flexible_load_id_is_reported_at_the_second()
    {
        var file = CommunityJson.Baseline();
        var second = file["prosumers"]![0]!["flexibleLoads"]![0]!.DeepClone();
        file["prosumers"]![0]!["flexibleLoads"]!.AsArray().Add(second);

        CommunityReadAssert.OnlyError(Read(file), "prosumers[0].flexibleLoads[1].id", "\"dishwasher\"", "duplicates prosumers[0].flexibleLoads[0].id");
    }

    [Fact]
    public void Without_a_grid_a_node_other_than_the_community_name_is_refused()
    {
        var file = CommunityJson.Baseline().Without("grid").Without("prosumers[2].node");

        CommunityReadAssert.OnlyError(Read(file), "prosumers[0].node", "\"feeder-a\"", "its only node is the root \"riverside-market\"");
    }

    [Fact]
    public void A_grid_node_named_twice_is_refused_at_the_repeat_and_prosumers_on_the_lost_node_are_named_too()
    {
        var result = Read(CommunityJson.Baseline().Set("grid.nodes[1].id", "substation"));

        CommunityReadAssert.Reported(result, "grid.nodes[1].id", "\"substation\"", "duplicates grid.nodes[0].id");
        CommunityReadAssert.Reported(result, "prosumers[0].node", "\"feeder-a\"", "is not a node id of the grid");
    }

    [Fact]
    public void A_grid_that_is_no_tree_is_refused_by_the_district_format_rules()
    {
        var result = Read(CommunityJson.Baseline().Set("grid.nodes[0].parent", "feeder-a"));

        CommunityReadAssert.Reported(result, "grid.nodes[0].parent", "\"feeder-a\"", "closes a cycle \"substation\" → \"feeder-a\" → \"substation\"");
        CommunityReadAssert.Reported(result, "grid.nodes", "has no root");
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_one_pass()
    {
        var file = CommunityJson.Baseline()
            .Set("market.damping", 2)
            .Set("prosumers[0].battery.chargeEfficiency", 0)
            .Set("prosumers[1].id", "home-1");

        var result = Read(file);

        Assert.Equal(["market.damping", "prosumers[0].battery.chargeEfficiency", "prosumers[1].id"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_that_breaks_the_JSON_policy_is_refused_at_the_document()
    {
        var result = CommunityReader.Read("{ \"name\": \"a\", \"name\": \"b\" }");

        CommunityReadAssert.OnlyError(result, "name", "repeats a key");
    }

    [Fact]
    public void A_non_finite_number_is_refused_at_its_path()
    {
        var text = CommunityJson.Baseline().ToText().Replace("\"exportMaxKw\": 8", "\"exportMaxKw\": NaN", StringComparison.Ordinal);

        CommunityReadAssert.OnlyError(CommunityReader.Read(text), "prosumers[0].exportMaxKw", "NaN", "is not a finite number");
    }

    [Fact]
    public void GetCommunityOrThrow_names_the_source_and_every_problem()
    {
        var result = CommunityReader.Read(CommunityJson.Baseline().Set("market.damping", 0).ToText(), "east.json");

        var error = Assert.Throws<CommunityValidationException>(() => result.GetCommunityOrThrow());

        Assert.Equal("east.json", error.SourceName);
        Assert.Equal("market.damping: 0 is not in (0, 1]: the weight of the new prices (1 = no damping)", Assert.Single(error.Problems).ToString());
        Assert.Contains("The community file east.json is invalid (1 problem)", error.Message, StringComparison.Ordinal);
    }
}
