namespace Sems.Contracts.Limits;

/// <summary>One problem of a request: the field path (e.g. <c>import_max_kw[3]</c>) and the value with the rule it breaks.</summary>
[GenerateSerializer, Immutable, Alias("sems.LimitViolation")]
public sealed record LimitViolation([property: Id(0)] string Field, [property: Id(1)] string Description);
