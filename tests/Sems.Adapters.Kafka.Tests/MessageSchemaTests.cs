using System.Text;
using System.Text.Json;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>The wire contract: round trips, hand-written JSON as a third party writes it, and refusals that name the path and the value.</summary>
public sealed class MessageSchemaTests
{
    private const string Schedule = """
        { "schema": "sems.market.schedule/1", "runId": "r1", "market": "bilbao", "prosumerId": "home-1", "iteration": 2,
          "importKw": [1.5, 0, 0.25], "exportKw": [0, 2, 0], "energyCost": 0.31, "discomfortCost": 0.05 }
        """;

    [Fact]
    public void A_schedule_written_by_hand_reads_with_every_field()
    {
        var read = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes(Schedule));

        Assert.Empty(read.Problems);
        var m = read.Message!;
        Assert.Equal(("r1", "bilbao", "home-1", 2), (m.RunId, m.Market, m.ProsumerId, m.Iteration));
        Assert.Equal([1.5, 0, 0.25], m.ImportKw!);
        Assert.Equal([0, 2, 0], m.ExportKw!);
        Assert.Equal(0.31, m.EnergyCost);
        Assert.Equal(0.05, m.DiscomfortCost);
        Assert.Null(m.Problem);
    }

    [Fact]
    public void Prices_round_trip_with_unit_named_fields_and_nulls_written()
    {
        var start = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var sent = new PricesMessage(PricesMessage.Name, "r1", "bilbao", "home-1", 3, 2, 60, start, "EUR", [0.25, 0.3], [0.05, 0.1], [4, 4.5], null, start.AddSeconds(30));

        var bytes = MarketMessageCodec.Write(sent);
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("sems.market.prices/1", root.GetProperty("schema").GetString());
        Assert.Equal(0.3, root.GetProperty("buyPerKwh")[1].GetDouble());
        Assert.Equal(4.5, root.GetProperty("importCapKw")[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("exportCapKw").ValueKind);
        Assert.Equal("2024-06-01T00:00:30+00:00", root.GetProperty("deadline").GetString());

        var back = MarketMessageCodec.ReadPrices(bytes);
        Assert.Empty(back.Problems);
        var m = back.Message!;
        Assert.Equal((sent.RunId, sent.Market, sent.ProsumerId, sent.Iteration, sent.Steps, sent.StepMinutes, sent.Start, sent.Currency, sent.Deadline),
            (m.RunId, m.Market, m.ProsumerId, m.Iteration, m.Steps, m.StepMinutes, m.Start, m.Currency, m.Deadline));
        Assert.Equal(sent.BuyPerKwh, m.BuyPerKwh);
        Assert.Equal(sent.SellPerKwh, m.SellPerKwh);
        Assert.Equal(sent.ImportCapKw!, m.ImportCapKw!);
        Assert.Null(m.ExportCapKw);
    }

    [Fact]
    public void A_settlement_round_trips_with_cents_and_the_left_out()
    {
        var sent = new SettlementMessage(SettlementMessage.Name, "r1", "bilbao", "EUR", "sdr", false, "no answer from home-3", 4,
            [new SettlementLine("home-1", 3.5, 0, 1.25, 0, 2.25, 0, 87, 0, 87, 105, 18), new SettlementLine("home-2", 0, 1.25, 0, 1.25, 0, 0, 0, 19, -19, -12, 7)],
            new SettlementBudget(87, 19, 68, 0, 1.25, true), [new LeftOutProsumer("home-3", "no answer within 30 s")]);

        var bytes = MarketMessageCodec.Write(sent);
        using (var json = JsonDocument.Parse(bytes))
        {
            Assert.Equal(-19, json.RootElement.GetProperty("prosumers")[1].GetProperty("billCents").GetInt64());
            Assert.Equal(1.25, json.RootElement.GetProperty("prosumers")[1].GetProperty("peerSoldKwh").GetDouble());
            Assert.Equal("no answer within 30 s", json.RootElement.GetProperty("leftOut")[0].GetProperty("reason").GetString());
        }

        var m = MarketMessageCodec.ReadSettlement(bytes).Message!;
        Assert.Equal(sent.Prosumers, m.Prosumers);
        Assert.Equal(sent.Budget, m.Budget);
        Assert.Equal(sent.LeftOut, m.LeftOut);
        Assert.Equal((false, "no answer from home-3", 4), (m.Converged, m.StopReason, m.Iterations));
    }

    [Fact]
    public void A_schedule_with_a_problem_needs_no_schedule_fields_and_writes_none()
    {
        var sent = new ScheduleMessage(ScheduleMessage.Name, "r1", "bilbao", "home-1", 0, null, null, null, null, "infeasible: the load exceeds the import limit");
        var text = Encoding.UTF8.GetString(MarketMessageCodec.Write(sent));

        Assert.DoesNotContain("importKw", text, StringComparison.Ordinal);
        var read = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes(text));
        Assert.Empty(read.Problems);
        Assert.Equal("infeasible: the load exceeds the import limit", read.Message!.Problem);
    }

    [Fact]
    public void A_missing_field_is_refused_naming_it()
    {
        var read = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes(Schedule.Replace("\"energyCost\": 0.31, ", "", StringComparison.Ordinal)));

        Assert.Null(read.Message);
        var problem = Assert.Single(read.Problems);
        Assert.Equal("$", problem.Path);
        Assert.Contains("energyCost", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_is_refused_at_its_path_with_its_value()
    {
        var read = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes(Schedule.Replace("\"iteration\": 2", "\"iteration\": \"two\"", StringComparison.Ordinal)));

        Assert.Null(read.Message);
        var problem = Assert.Single(read.Problems);
        Assert.Equal("iteration", problem.Path);
        Assert.Equal("\"two\"", problem.Value);
    }

    [Fact]
    public void A_negative_power_is_refused_at_its_index_with_its_value()
    {
        var read = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes(Schedule.Replace("[1.5, 0, 0.25]", "[1.5, 0, -0.25]", StringComparison.Ordinal)));

        Assert.Null(read.Message);
        var problem = Assert.Single(read.Problems);
        Assert.Equal("importKw[2]", problem.Path);
        Assert.Equal("-0.25", problem.Value);
        Assert.Contains("importKw[2]: -0.25", read.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_major_version_is_refused_at_the_schema_field()
    {
        var read = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes(Schedule.Replace("schedule/1", "schedule/2", StringComparison.Ordinal)));

        Assert.Equal("schema", Assert.Single(read.Problems).Path);
    }

    [Fact]
    public void Per_step_arrays_of_another_length_than_the_steps_are_refused()
    {
        var sent = new PricesMessage(PricesMessage.Name, "r1", "bilbao", "home-1", 0, 3, 60, null, null, [0.25, 0.3, 0.3], [0.05, 0.1], null, null, null);

        var read = MarketMessageCodec.ReadPrices(MarketMessageCodec.Write(sent));

        var problem = Assert.Single(read.Problems);
        Assert.Equal("sellPerKwh", problem.Path);
        Assert.Contains("3 items", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_and_broken_json_are_refused_not_thrown()
    {
        var duplicate = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes(Schedule.Replace("\"iteration\": 2", "\"iteration\": 2, \"iteration\": 3", StringComparison.Ordinal)));
        var broken = MarketMessageCodec.ReadSchedule(Encoding.UTF8.GetBytes("{ \"schema\": "));
        var wrongDate = MarketMessageCodec.ReadPrices(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(MarketMessageCodec.Write(
            new PricesMessage(PricesMessage.Name, "r", "m", "p", 0, 1, 60, null, null, [0.2], [0.1], null, null, null))).Replace("\"deadline\":null", "\"deadline\":\"tomorrow\"", StringComparison.Ordinal)));

        Assert.Equal("iteration", Assert.Single(duplicate.Problems).Path);
        Assert.Null(broken.Message);
        Assert.NotEmpty(broken.Problems);
        Assert.Equal("deadline", Assert.Single(wrongDate.Problems).Path);
    }

    [Fact]
    public void The_embedded_schemas_are_the_repository_files()
    {
        var folder = Repository.Folder("schemas", "market");
        foreach (var kind in Enum.GetValues<MarketMessageKind>())
        {
            Assert.Equal(File.ReadAllText(Path.Combine(folder, MarketSchemas.FileName(kind))), MarketSchemas.Text(kind));
            using var schema = JsonDocument.Parse(MarketSchemas.Text(kind));
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
            Assert.Equal(MarketSchemas.MessageName(kind), schema.RootElement.GetProperty("properties").GetProperty("schema").GetProperty("const").GetString());
        }
    }
}
