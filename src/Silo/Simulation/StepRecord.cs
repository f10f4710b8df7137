using Sems.Twin.Plants;

namespace Sems.Silo.Simulation;

/// <summary>One simulated step: the inputs of the moment, what the twin's plants did, and what the coordinator reported.</summary>
/// <param name="RiskMarginKw">The risk margin the coordinator held the district limit's first step to (z(p)·√Σσ², <c>coordination.riskLevel</c>), kW; 0 without.</param>
/// <param name="PredictedExcessKwh">The coordinator's forecast violation of the district limit over the horizon after coordination, kWh.</param>
public sealed record StepRecord(
    DateTimeOffset Time,
    double PriceGbpPerKwh,
    double CarbonKgPerKwh,
    double OutdoorC,
    HeatStepResult? Heat,
    EvStepResult? Ev,
    int Resolves,
    double PredictedExcessKwh,
    double CycleMs,
    double RiskMarginKw = 0);
