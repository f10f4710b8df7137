using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sems.Engine.Districts;
using Sems.Engine.Json;

namespace Sems.Adapters.Kafka;

/// <summary>
/// Writes and reads the market's messages as UTF-8 JSON. Reading is strict: the bytes must pass the project's JSON
/// policy (<see cref="StrictJson"/>), the message's JSON Schema (<see cref="MarketSchemas"/>) and the checks a schema
/// cannot state (every per-step array as long as the message's steps, import and export of a schedule alike).
/// </summary>
public static class MarketMessageCodec
{
    /// <summary>The UTF-8 JSON of a prices message.</summary>
    public static byte[] Write(PricesMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckFinite(message.BuyPerKwh, "buyPerKwh");
        CheckFinite(message.SellPerKwh, "sellPerKwh");
        CheckFinite(message.ImportCapKw, "importCapKw");
        CheckFinite(message.ExportCapKw, "exportCapKw");
        return JsonSerializer.SerializeToUtf8Bytes(message, MarketJsonContext.Default.PricesMessage);
    }

    /// <summary>The UTF-8 JSON of a schedule message.</summary>
    public static byte[] Write(ScheduleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckFinite(message.ImportKw, "importKw");
        CheckFinite(message.ExportKw, "exportKw");
        if (message.EnergyCost is { } energy) CheckFinite([energy], "energyCost");
        if (message.DiscomfortCost is { } discomfort) CheckFinite([discomfort], "discomfortCost");
        return JsonSerializer.SerializeToUtf8Bytes(message, MarketJsonContext.Default.ScheduleMessage);
    }

    /// <summary>The UTF-8 JSON of a settlement message.</summary>
    public static byte[] Write(SettlementMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var line in message.Prosumers)
        {
            CheckFinite([line.BoughtKwh, line.SoldKwh, line.PeerBoughtKwh, line.PeerSoldKwh, line.GridBoughtKwh, line.GridSoldKwh], $"prosumers[{line.ProsumerId}]");
        }

        CheckFinite([message.Budget.PeerTradedKwh], "budget.peerTradedKwh");
        return JsonSerializer.SerializeToUtf8Bytes(message, MarketJsonContext.Default.SettlementMessage);
    }

    /// <summary>Reads a prices message.</summary>
    public static MessageRead<PricesMessage> ReadPrices(ReadOnlyMemory<byte> utf8) =>
        Read(utf8, MarketMessageKind.Prices, MarketJsonContext.Default.PricesMessage, m =>
        {
            var problems = new List<ValidationProblem>();
            Length(m.BuyPerKwh, "buyPerKwh", m.Steps, "steps", problems);
            Length(m.SellPerKwh, "sellPerKwh", m.Steps, "steps", problems);
            Length(m.ImportCapKw, "importCapKw", m.Steps, "steps", problems);
            Length(m.ExportCapKw, "exportCapKw", m.Steps, "steps", problems);
            return problems;
        });

    /// <summary>Reads a schedule message.</summary>
    public static MessageRead<ScheduleMessage> ReadSchedule(ReadOnlyMemory<byte> utf8) =>
        Read(utf8, MarketMessageKind.Schedule, MarketJsonContext.Default.ScheduleMessage, m =>
        {
            var problems = new List<ValidationProblem>();
            if (m.Problem is null && m.ImportKw is { } import) Length(m.ExportKw, "exportKw", import.Count, "importKw's length", problems);
            return problems;
        });

    /// <summary>Reads a settlement message.</summary>
    public static MessageRead<SettlementMessage> ReadSettlement(ReadOnlyMemory<byte> utf8) =>
        Read(utf8, MarketMessageKind.Settlement, MarketJsonContext.Default.SettlementMessage, _ => []);

    private static MessageRead<T> Read<T>(ReadOnlyMemory<byte> utf8, MarketMessageKind kind, JsonTypeInfo<T> type, Func<T, IReadOnlyList<ValidationProblem>> check)
        where T : class
    {
        using var parsed = StrictJson.Parse(utf8);
        if (parsed.Document is null) return new MessageRead<T>(null, parsed.Problems);
        var root = parsed.Document.RootElement;
        var problems = MarketSchemas.Validate(kind, root);
        if (problems.Count > 0) return new MessageRead<T>(null, problems);
        T? message;
        try
        {
            message = root.Deserialize(type);
        }
        catch (JsonException e)
        {
            // Valid by the schema but not representable: a number beyond double's range, for instance.
            var path = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "$";
            return new MessageRead<T>(null, [new ValidationProblem(path, "", $"cannot be read as {MarketSchemas.MessageName(kind)}: {StrictJson.Clip(e.Message.Split(" Path:")[0])}")]);
        }

        if (message is null) return new MessageRead<T>(null, [new ValidationProblem("$", "null", $"is not a {MarketSchemas.MessageName(kind)} message")]);
        var more = check(message);
        return more.Count > 0 ? new MessageRead<T>(null, more) : new MessageRead<T>(message, []);
    }

    private static void Length(IReadOnlyList<double>? values, string field, int expected, string what, List<ValidationProblem> problems)
    {
        if (values is null || values.Count == expected) return;
        problems.Add(new ValidationProblem(field, $"an array of {values.Count}", $"must have {expected} items (the message's {what})"));
    }

    private static void CheckFinite(IReadOnlyList<double>? values, string field)
    {
        if (values is null) return;
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"{field}[{i}] is {values[i]}: a market message carries finite numbers only", nameof(values));
        }
    }
}
