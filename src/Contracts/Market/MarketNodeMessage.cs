namespace Sems.Contracts.Market;

/// <summary>
/// One grid node's flows in the settled market against the <c>electricity</c> limits of the run: the file's, replaced
/// by the DSO's on the steps where it set a version. Limits are kW per step, +∞ where none applies.
/// </summary>
/// <param name="NodeId">The node.</param>
/// <param name="NetImportKw">Σ over the settled prosumers of its subtree of import − export per step, kW (+ draws, − feeds back).</param>
/// <param name="ImportMaxKw">Its import limit per step, kW.</param>
/// <param name="ExportMaxKw">Its export limit per step, kW.</param>
/// <param name="DsoVersionPerStep">The DSO limit version that set each step's import limit; 0 where the file's applies.</param>
/// <param name="PeakImportKw">Its largest net draw, kW.</param>
/// <param name="PeakImportStep">The step of that peak.</param>
/// <param name="ImportMaxAtPeakKw">Its import limit at that step, kW; null when it has none.</param>
/// <param name="PeakExportKw">Its largest net feed-back, kW.</param>
/// <param name="PeakExportStep">The step of that peak.</param>
/// <param name="ExportMaxAtPeakKw">Its export limit at that step, kW; null when it has none.</param>
/// <param name="ImportExcessBeforeKwh">Σ_t Δt·max(0, flow − importMax) of the market's result before the DSO step, kWh.</param>
/// <param name="ImportExcessAfterKwh">The same after it (the settled schedules), kWh.</param>
/// <param name="ExportExcessBeforeKwh">Σ_t Δt·max(0, −flow − exportMax) before the DSO step, kWh.</param>
/// <param name="ExportExcessAfterKwh">The same after it, kWh.</param>
/// <param name="StepsInExcessBefore">Steps over a limit before the DSO step.</param>
/// <param name="StepsInExcessAfter">Steps over a limit after it.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketNodeMessage")]
public sealed record MarketNodeMessage(
    [property: Id(0)] string NodeId,
    [property: Id(1)] double[] NetImportKw,
    [property: Id(2)] double[] ImportMaxKw,
    [property: Id(3)] double[] ExportMaxKw,
    [property: Id(4)] long[] DsoVersionPerStep,
    [property: Id(5)] double PeakImportKw,
    [property: Id(6)] int PeakImportStep,
    [property: Id(7)] double? ImportMaxAtPeakKw,
    [property: Id(8)] double PeakExportKw,
    [property: Id(9)] int PeakExportStep,
    [property: Id(10)] double? ExportMaxAtPeakKw,
    [property: Id(11)] double ImportExcessBeforeKwh,
    [property: Id(12)] double ImportExcessAfterKwh,
    [property: Id(13)] double ExportExcessBeforeKwh,
    [property: Id(14)] double ExportExcessAfterKwh,
    [property: Id(15)] int StepsInExcessBefore,
    [property: Id(16)] int StepsInExcessAfter);
