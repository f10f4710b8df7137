namespace Sems.Engine.Market;

/// <summary>A prosumer's answer to one iteration: its least-cost schedule at the prices it was sent.</summary>
/// <param name="ProsumerId">Who answers.</param>
/// <param name="Iteration">The iteration answered.</param>
/// <param name="ImportKw">Power imported at its meter per step, kW ≥ 0.</param>
/// <param name="ExportKw">Power exported at its meter per step, kW ≥ 0 (import and export are never both &gt; 0 in a step).</param>
/// <param name="EnergyCost">Σ_t Δt·(buy·import − sell·export) at the prices sent, currency.</param>
/// <param name="DiscomfortCost">Σ of its flexible loads' delay costs, currency.</param>
public sealed record ProsumerSchedule(
    string ProsumerId,
    int Iteration,
    IReadOnlyList<double> ImportKw,
    IReadOnlyList<double> ExportKw,
    double EnergyCost,
    double DiscomfortCost)
{
    /// <summary>Net surplus per step, kW: export − import (+ a seller, − a buyer).</summary>
    public double NetSurplusKw(int step) => ExportKw[step] - ImportKw[step];
}
