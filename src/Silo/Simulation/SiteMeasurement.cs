using Sems.Contracts;

namespace Sems.Silo.Simulation;

/// <summary>One reading of the twin's site: the subsystem and asset it belongs to (ids of the district file) and the measurement.</summary>
public sealed record SiteMeasurement(string Subsystem, string Asset, Measurement Measurement);
