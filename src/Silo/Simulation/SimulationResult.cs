namespace Sems.Silo.Simulation;

/// <summary>A finished run: its scenario, every step, the KPIs, the wall time and the district file SEMS was configured with.</summary>
public sealed record SimulationResult(Scenario Scenario, IReadOnlyList<StepRecord> Steps, Kpis Kpis, TimeSpan Wall, string DistrictJson);
