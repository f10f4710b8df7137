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
    /// <summary>A store of negative capacity: demand that can be postponed (seeds/004 §4.4).</summary>
    public bool IsDelayableDemand => SocMin < 0 && SocMax == 0;
}
