using Sems.Contracts;

namespace Sems.Grains;

/// <summary>Persisted per-cycle state of a subsystem grain: plans, predictions, forecasts, unit-commitment carry (the definition is kept apart).</summary>
[GenerateSerializer, Alias("sems.SubsystemState")]
public sealed class SubsystemState
{
    /// <summary>The plan held now (for the latest cycle).</summary>
    [Id(1)] public SubsystemPlan? Current { get; set; }

    /// <summary>The latest feasible plan; held when a later solve fails.</summary>
    [Id(2)] public SubsystemPlan? LastFeasible { get; set; }

    /// <summary>Cycle whose plan predicted <see cref="PredictedSocKwh"/> and <see cref="PredictedStates"/> for the next cycle's start.</summary>
    [Id(3)] public int PredictedForCycle { get; set; } = -1;

    [Id(4)] public Dictionary<string, double> PredictedSocKwh { get; set; } = [];

    [Id(5)] public Dictionary<string, double[]> PredictedStates { get; set; } = [];

    /// <summary>The cycle <see cref="Forecast"/> was given for; -1 when none.</summary>
    [Id(6)] public int ForecastCycle { get; set; } = -1;

    [Id(7)] public Dictionary<string, double[]> Forecast { get; set; } = [];

    /// <summary>Whether the subsystem's forecast grain supplies learned forecasts.</summary>
    [Id(8)] public bool UseForecaster { get; set; }

    /// <summary>Supply id → its on/off state after the latest committed step (unit commitment carried into the next cycle).</summary>
    [Id(9)] public Dictionary<string, CommitmentCarry> Commitments { get; set; } = [];
}
