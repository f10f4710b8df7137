namespace Sems.Contracts;

/// <summary>
/// A subsystem's plan as it travels up the hierarchy: what coordination needs of a <see cref="SubsystemPlan"/>, with the
/// per-resource series as arrays in the call's resource order (null where it does not draw the resource), or why
/// there is none (<see cref="Failure"/> "failed" or "timedOut" with <see cref="Reason"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemPlanDigest")]
public sealed record SubsystemPlanDigest(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Failure,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string Status,
    [property: Id(4)] bool Accepted,
    [property: Id(5)] bool HasPlan,
    [property: Id(6)] double Objective,
    [property: Id(7)] string? Note,
    [property: Id(8)] double[]?[] DrawKw,
    [property: Id(9)] double[]?[] MinKw,
    [property: Id(10)] double[]?[] MaxKw,
    [property: Id(11)] int Priority,
    [property: Id(12)] int Cycle,
    [property: Id(13)] DateTimeOffset Start,
    [property: Id(14)] int Version)
{
    /// <summary>The plan's export per resource (the call's order, null where it exports none of it) and step, kW.</summary>
    [Id(15)] public double[]?[] ExportKw { get; init; } = [];

    /// <summary>Σ of its exports' min per resource (the call's order) and step, kW.</summary>
    [Id(16)] public double[]?[] ExportMinKw { get; init; } = [];

    /// <summary>Σ of its exports' max per resource (the call's order) and step, kW.</summary>
    [Id(17)] public double[]?[] ExportMaxKw { get; init; } = [];

    /// <summary>σ of its draw per resource (the call's order, null where none is given) and step caused by forecast error, kW.</summary>
    [Id(18)] public double[]?[] UncertaintyKw { get; init; } = [];
}
