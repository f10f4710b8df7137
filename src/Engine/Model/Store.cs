namespace Sems.Engine.Model;

/// <summary>A storage technology st (eqs. 6–11). SoC in kWh; charge/discharge in kW.</summary>
/// <param name="Retention">η^stl per step.</param>
/// <param name="Penalty">β per step of eq. 21, per kWh of SoC.</param>
/// <param name="Exclusive">Forbid charging and discharging in the same step (a binary per step: MILP).</param>
public sealed record Store(
    string Id,
    string EnergyType,
    double SocMin,
    double SocMax,
    double SocInitial,
    double ChargeEfficiency,
    double DischargeEfficiency,
    double Retention,
    Series ChargeMin,
    Series ChargeMax,
    Series DischargeMin,
    Series DischargeMax,
    Series Penalty,
    StoreTerminal Terminal,
    bool Exclusive)
{
    /// <summary>
    /// The SoC the terminal condition refers to, kWh: the file's socInitial. A receding horizon replaces SocInitial
    /// with the measured SoC each cycle but keeps this target, so "returnToInitial" still means that every postponed
    /// kWh is served within the horizon.
    /// </summary>
    public double TerminalTargetKwh { get; init; } = SocInitial;

    /// <summary>A store of negative capacity: demand that can be postponed (O'Dwyer et al. §4.4).</summary>
    public bool IsDelayableDemand => SocMin < 0 && SocMax == 0;
}
