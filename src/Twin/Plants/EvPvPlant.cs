namespace Sems.Twin.Plants;

/// <summary>
/// The EV/PV hub: chargers serve the requested demand, less what is postponed, plus postponed charging served now; PV
/// supplies first and the grid the rest (PV beyond the chargers' draw is curtailed). The charge controller never
/// postpones more than the delayable share nor beyond the backlog limit, and never serves more than is owed.
/// </summary>
public sealed class EvPvPlant(EvPvParameters parameters)
{
    public EvPvParameters Parameters { get; } = parameters;

    /// <summary>Energy owed to vehicles, kWh (the SEMS store's SoC is its negative).</summary>
    public double BacklogKwh { get; private set; }

    public EvStepResult Step(double hours, EvSetpoints setpoints, double demandKw, double pvAvailableKw)
    {
        ArgumentNullException.ThrowIfNull(setpoints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hours);
        ArgumentOutOfRangeException.ThrowIfNegative(demandKw);
        ArgumentOutOfRangeException.ThrowIfNegative(pvAvailableKw);
        var p = Parameters;
        var delayed = Math.Clamp(setpoints.DelayKw, 0, Math.Min(p.DelayableFraction * demandKw, Math.Max(0, p.BacklogLimitKwh - BacklogKwh) / hours));
        var owed = BacklogKwh + hours * delayed;
        var caughtUp = Math.Clamp(setpoints.CatchUpKw, 0, Math.Min(p.CatchUpMaxKw, owed / hours));
        var charging = demandKw - delayed + caughtUp;
        var pvUsed = Math.Min(pvAvailableKw, charging);
        BacklogKwh = Math.Max(0, owed - hours * caughtUp);
        return new EvStepResult(demandKw, delayed, caughtUp, charging, pvAvailableKw, pvUsed, charging - pvUsed, BacklogKwh);
    }
}
