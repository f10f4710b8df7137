namespace Sems.Adapters.Kafka;

/// <summary>How a <see cref="KafkaProsumerHost"/> ended.</summary>
/// <param name="ProsumerId">Who it answered for.</param>
/// <param name="Answers">How many prices messages it answered.</param>
/// <param name="Settlement">The settlement of the last run it answered; null when it stopped idle first.</param>
/// <param name="Line">Its line in that settlement; null when it was left out or there is none.</param>
/// <param name="LeftOut">Why that settlement left it out; null when it was settled.</param>
/// <param name="IdleTimedOut">Whether it stopped because nothing came within <see cref="KafkaProsumerHostOptions.IdleTimeout"/>.</param>
public sealed record ProsumerHostResult(string ProsumerId, int Answers, SettlementMessage? Settlement, SettlementLine? Line, LeftOutProsumer? LeftOut, bool IdleTimedOut);
