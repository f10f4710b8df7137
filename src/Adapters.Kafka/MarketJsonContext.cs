using System.Text.Json.Serialization;

namespace Sems.Adapters.Kafka;

/// <summary>The source-generated serialisation of the market's messages: camelCase names, nulls written (except where a message says otherwise).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PricesMessage))]
[JsonSerializable(typeof(ScheduleMessage))]
[JsonSerializable(typeof(SettlementMessage))]
internal sealed partial class MarketJsonContext : JsonSerializerContext;
