namespace Sems.Twin.Plants;

/// <summary>The EV charging hub with PV (O'Dwyer et al. §4.4): half of every charging request may be postponed.</summary>
public sealed record EvPvParameters
{
    /// <summary>Fraction of the charging demand that may be delayed (O'Dwyer et al. §4.4: 50 %).</summary>
    public double DelayableFraction { get; init; } = 0.5;

    /// <summary>Most energy that may be owed to the vehicles at once, kWh (the delay store's depth).</summary>
    public double BacklogLimitKwh { get; init; } = 400.0;

    /// <summary>Most power the chargers can add to catch up postponed charging, kW.</summary>
    public double CatchUpMaxKw { get; init; } = 150.0;

    /// <summary>Grid connection of the hub, kW.</summary>
    public double GridMaxKw { get; init; } = 500.0;
}
