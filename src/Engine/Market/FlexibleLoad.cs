namespace Sems.Engine.Market;

/// <summary>
/// A shiftable appliance (washing machine, dishwasher, EV charge): an uninterruptible power profile run exactly once
/// within its time window. The user's comfort preference is its preferred start; every step of shift away from it costs
/// <paramref name="DelayCostPerStep"/>.
/// </summary>
/// <param name="Id">The load's id, unique within its prosumer.</param>
/// <param name="ProfileKw">Power per step once started, kW ≥ 0; its length is the run time in steps.</param>
/// <param name="EarliestStartStep">The first step it may start at.</param>
/// <param name="LatestEndStep">The last step it may still run in (the run ends at or before this step).</param>
/// <param name="PreferredStartStep">The start the user prefers, within the window.</param>
/// <param name="DelayCostPerStep">Discomfort cost, currency per step of |start − preferred start|, ≥ 0.</param>
public sealed record FlexibleLoad(
    string Id,
    IReadOnlyList<double> ProfileKw,
    int EarliestStartStep,
    int LatestEndStep,
    int PreferredStartStep,
    double DelayCostPerStep);
