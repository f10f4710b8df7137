using Sems.Twin;

namespace Sems.Silo.Simulation;

/// <summary>
/// Key performance indicators of a run, computed from what the twin's plants actually did (not from plans).
/// PV utilisation and contribution follow O'Dwyer et al. Table 3: the share of the PV generation that the chargers used,
/// and the share of the chargers' consumption that PV supplied.
/// </summary>
public sealed record Kpis(
    double HeatCostGbp,
    double HeatCo2Kg,
    double HeatPumpHeatKwh,
    double BoilerHeatKwh,
    double StoreDischargeKwh,
    double StoreChargeKwh,
    double HeatPumpElectricKwh,
    double BandViolationDegreeHours,
    double EvCostGbp,
    double EvCo2Kg,
    double EvChargingKwh,
    double PvAvailableKwh,
    double PvUsedKwh,
    double EvDelayedKwh,
    double EvBacklogEndKwh,
    double LimitViolationKwh,
    double LimitViolationSumKw,
    int StepsOverLimit,
    double PeakGridKw,
    int Resolves)
{
    public double PvUtilisationPercent => PvAvailableKwh > 0 ? 100 * PvUsedKwh / PvAvailableKwh : 0;

    public double PvContributionPercent => EvChargingKwh > 0 ? 100 * PvUsedKwh / EvChargingKwh : 0;

    public double TotalCostGbp => HeatCostGbp + EvCostGbp;

    public double TotalCo2Kg => HeatCo2Kg + EvCo2Kg;

    /// <summary>The district's grid import over a step, kW: the heat pump's draw plus the EV hub's (what the DSO's limit applies to).</summary>
    public static double GridImportKw(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return (step.Heat?.HeatPumpElectricKw ?? 0) + (step.Ev?.GridKw ?? 0);
    }

    /// <param name="gasPriceGbpPerKwh">The run's gas unit price (<see cref="TwinInputs.GasUnitPriceGbpPerKwh"/>), GBP/kWh of fuel.</param>
    public static Kpis From(IReadOnlyList<StepRecord> steps, double stepHours, double? limitKw, double gasPriceGbpPerKwh)
    {
        ArgumentNullException.ThrowIfNull(steps);
        double Sum(Func<StepRecord, double> f) => steps.Sum(f) * stepHours;
        double Grid(StepRecord s) => GridImportKw(s);
        double Over(StepRecord s) => limitKw is { } l ? Math.Max(0, Grid(s) - l) : 0;
        return new Kpis(
            HeatCostGbp: Sum(s => s.Heat is { } h ? h.HeatPumpElectricKw * s.PriceGbpPerKwh + h.BoilerGasKw * gasPriceGbpPerKwh : 0),
            HeatCo2Kg: Sum(s => s.Heat is { } h ? h.HeatPumpElectricKw * s.CarbonKgPerKwh + h.BoilerGasKw * TwinInputs.GasCarbonKgPerKwh : 0),
            HeatPumpHeatKwh: Sum(s => s.Heat?.HeatPumpHeatKw ?? 0),
            BoilerHeatKwh: Sum(s => s.Heat?.BoilerHeatKw ?? 0),
            StoreDischargeKwh: Sum(s => s.Heat?.StoreDischargeKw ?? 0),
            StoreChargeKwh: Sum(s => s.Heat?.StoreChargeKw ?? 0),
            HeatPumpElectricKwh: Sum(s => s.Heat?.HeatPumpElectricKw ?? 0),
            BandViolationDegreeHours: steps.Sum(s => s.Heat?.BandViolationDegreeHours ?? 0),
            EvCostGbp: Sum(s => (s.Ev?.GridKw ?? 0) * s.PriceGbpPerKwh),
            EvCo2Kg: Sum(s => (s.Ev?.GridKw ?? 0) * s.CarbonKgPerKwh),
            EvChargingKwh: Sum(s => s.Ev?.ChargingKw ?? 0),
            PvAvailableKwh: Sum(s => s.Ev?.PvAvailableKw ?? 0),
            PvUsedKwh: Sum(s => s.Ev?.PvUsedKw ?? 0),
            EvDelayedKwh: Sum(s => s.Ev?.DelayedKw ?? 0),
            EvBacklogEndKwh: steps.Count > 0 ? steps[^1].Ev?.BacklogKwh ?? 0 : 0,
            LimitViolationKwh: Sum(Over),
            LimitViolationSumKw: steps.Sum(Over),
            StepsOverLimit: steps.Count(s => Over(s) > 1e-6),
            PeakGridKw: steps.Count > 0 ? steps.Max(Grid) : 0,
            Resolves: steps.Sum(s => s.Resolves));
    }
}
