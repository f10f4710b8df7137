namespace Sems.Adapters.Kafka;

/// <summary>Who a <see cref="KafkaProsumerHost"/> answers for, and what it expects of the prices.</summary>
/// <param name="Market">The community's name; prices of another market are ignored.</param>
/// <param name="ProsumerId">The prosumer it answers for.</param>
public sealed record KafkaProsumerHostOptions(string Market, string ProsumerId)
{
    /// <summary>The market's number of steps, when known: prices of another length are answered with a problem.</summary>
    public int? Steps { get; init; }

    /// <summary>The market's step length in minutes, when known: prices of another step length are answered with a problem.</summary>
    public int? StepMinutes { get; init; }

    /// <summary>How long it waits for prices or a settlement before it stops by itself.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
