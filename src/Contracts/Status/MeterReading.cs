namespace Sems.Contracts.Status;

/// <summary>The connection point's metered import (kW) of one resource, as its meter measured it at <paramref name="MeasuredAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("sems.MeterReading")]
public sealed record MeterReading(
    [property: Id(0)] string Resource,
    [property: Id(1)] double ImportKw,
    [property: Id(2)] DateTimeOffset MeasuredAt);
