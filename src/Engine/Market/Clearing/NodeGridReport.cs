namespace Sems.Engine.Market;

/// <summary>
/// One grid node's flows against its <c>electricity</c> limits: the net flow of its subtree per step is
/// Σ (import − export) of the settled prosumers below it (+ drawn from the parent, − fed back).
/// "Before" is the market's result, "after" the schedules after the DSO step (the settled ones).
/// </summary>
/// <param name="NodeId">The node.</param>
/// <param name="PeakImportKw">The largest net draw of the subtree after the DSO step, kW (0 if it never draws).</param>
/// <param name="PeakImportStep">The step of that peak.</param>
/// <param name="ImportMaxAtPeakKw">The node's import limit at that step, kW; null when the node has no import limit.</param>
/// <param name="PeakExportKw">The largest net feed-back after the DSO step, kW.</param>
/// <param name="PeakExportStep">The step of that peak.</param>
/// <param name="ExportMaxAtPeakKw">The node's export limit at that step, kW; null when it has none.</param>
/// <param name="ImportExcessBeforeKwh">Σ_t Δt·max(0, flow − importMax) before the DSO step, kWh.</param>
/// <param name="ImportExcessAfterKwh">The same after it, kWh.</param>
/// <param name="ExportExcessBeforeKwh">Σ_t Δt·max(0, −flow − exportMax) before the DSO step, kWh.</param>
/// <param name="ExportExcessAfterKwh">The same after it, kWh.</param>
/// <param name="StepsInExcessBefore">Steps with an import or export excess before the DSO step.</param>
/// <param name="StepsInExcessAfter">The same after it.</param>
public sealed record NodeGridReport(
    string NodeId,
    double PeakImportKw,
    int PeakImportStep,
    double? ImportMaxAtPeakKw,
    double PeakExportKw,
    int PeakExportStep,
    double? ExportMaxAtPeakKw,
    double ImportExcessBeforeKwh,
    double ImportExcessAfterKwh,
    double ExportExcessBeforeKwh,
    double ExportExcessAfterKwh,
    int StepsInExcessBefore,
    int StepsInExcessAfter);
