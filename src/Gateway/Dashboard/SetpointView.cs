namespace Sems.Gateway.Dashboard;

/// <summary>A set-point in force for an asset's controller: its key (named with its unit), value, unit ("" when dimensionless), validity, cycle and source (plan or fallback).</summary>
public sealed record SetpointView(
    string Subsystem,
    string Asset,
    string Key,
    double Value,
    string Unit,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    long Cycle,
    string Source);
