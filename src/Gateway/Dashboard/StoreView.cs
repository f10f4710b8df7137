namespace Sems.Gateway.Dashboard;

/// <summary>
/// A store of the plan in force: its planned state of charge over the horizon (kWh, N+1 values at the step boundaries,
/// from <c>ISubsystemGrain.GetResult()</c>), its bounds (<see cref="CapacityKwh"/> is socMax, <see cref="SocMinKwh"/> socMin;
/// below 0 for a delayable demand) and its latest accepted measurement, when it has one.
/// </summary>
public sealed record StoreView(
    string Subsystem,
    string Id,
    string EnergyType,
    int Cycle,
    double CapacityKwh,
    double SocMinKwh,
    IReadOnlyList<double> SocKwh,
    double? MeasuredSocKwh,
    DateTimeOffset? MeasuredAt);
