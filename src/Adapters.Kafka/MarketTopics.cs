namespace Sems.Adapters.Kafka;

/// <summary>The market's three Kafka topics under one prefix: <c>{prefix}.prices.v1</c>, <c>{prefix}.schedules.v1</c>, <c>{prefix}.settlements.v1</c>.</summary>
/// <param name="Prefix">The topics' common prefix, by default <c>sems.market.{community}</c>.</param>
public sealed record MarketTopics(string Prefix)
{
    /// <summary>The longest topic name Kafka accepts.</summary>
    public const int MaxTopicLength = 249;

    /// <summary>Coordinator → prosumers, keyed by prosumer id.</summary>
    public string Prices => $"{Prefix}.prices.v1";

    /// <summary>Prosumers → coordinator, keyed by prosumer id.</summary>
    public string Schedules => $"{Prefix}.schedules.v1";

    /// <summary>Coordinator → everyone, keyed by run id.</summary>
    public string Settlements => $"{Prefix}.settlements.v1";

    /// <summary>All three, prices first.</summary>
    public IReadOnlyList<string> All => [Prices, Schedules, Settlements];

    /// <summary>The default prefix of a community's topics.</summary>
    public static string DefaultPrefix(string communityName) => $"sems.market.{communityName}";

    /// <summary>Why <paramref name="prefix"/> cannot prefix Kafka topic names, or null when it can.</summary>
    public static string? Problem(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix)) return "is empty; it must be 1 or more ASCII letters, digits, '.', '_' or '-'";
        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-')) return $"holds '{c}'; a Kafka topic name has only ASCII letters, digits, '.', '_' or '-'";
        }

        var longest = new MarketTopics(prefix).All.Max(t => t.Length);
        return longest > MaxTopicLength ? $"is too long: its topics would have {longest} characters, more than Kafka's {MaxTopicLength}" : null;
    }
}
