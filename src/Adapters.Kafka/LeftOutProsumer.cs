namespace Sems.Adapters.Kafka;

/// <summary>A prosumer the settlement left out.</summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="Reason">Why, e.g. "no answer within 30 s".</param>
public sealed record LeftOutProsumer(string ProsumerId, string Reason);
