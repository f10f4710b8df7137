namespace Sems.Contracts;

/// <summary>
/// A subsystem's definition as the district-format JSON of a one-subsystem district (top-level factors included),
/// the time of step 0 of cycle 0 and how old a measurement may be to set the initial state.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemConfiguration")]
public sealed record SubsystemConfiguration(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] string DistrictJson,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] TimeSpan MeasurementMaxAge);
