using Sems.Contracts.Definitions;

namespace Sems.Contracts;

/// <summary>
/// What a subsystem grain is configured with for one definition version: its own subsystem and the district's shared
/// fields as typed values, the time of step 0 of cycle 0 and how old a measurement may be to set the initial state.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemConfiguration")]
public sealed record SubsystemConfiguration(
    [property: Id(0)] string DistrictId,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] TimeSpan MeasurementMaxAge,
    [property: Id(4)] DistrictShared Shared,
    [property: Id(5)] SubsystemDefinition Subsystem,
    [property: Id(6)] DefinitionVersion Version);
