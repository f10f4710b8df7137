namespace Sems.Twin.Plants;

/// <summary>What the heat network did over one step: mean powers (kW), end state, and the band violation (°C·h).</summary>
public sealed record HeatStepResult(
    double HeatPumpElectricKw,
    double HeatPumpHeatKw,
    double HeatPumpCop,
    double BoilerGasKw,
    double BoilerHeatKw,
    double StoreChargeKw,
    double StoreDischargeKw,
    double LoadKw,
    double PipeLossKw,
    double NetworkTemperatureC,
    double StoreKwh,
    double BandViolationDegreeHours,
    double StoredEnergyChangeKwh);
