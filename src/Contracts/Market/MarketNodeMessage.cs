namespace Sems.Contracts.Market;

/// <summary>
/// One grid node's flows in the settled market against its <c>electricity</c> limits (the file's, or the DSO's where
/// it set a version), kW per step; +∞ where no limit applies.
/// </summary>
/// <param name="NodeId">The node.</param>
/// <param name="NetImportKw">Σ over the prosumers of its subtree of import − export per step, kW (+ draws, − feeds back).</param>
/// <param name="ImportMaxKw">Its import limit per step, kW.</param>
/// <param name="ExportMaxKw">Its export limit per step, kW.</param>
/// <param name="DsoVersionPerStep">The DSO limit version that set each step's import limit; 0 where the file's applies.</param>
/// <param name="PeakImportKw">max(0, max NetImportKw), kW.</param>
/// <param name="PeakExportKw">max(0, max −NetImportKw), kW.</param>
/// <param name="ExcessBeforeKwh">Energy over its limits before the market's grid step (the converged schedules), kWh.</param>
/// <param name="ExcessAfterKwh">Energy over its limits in the final schedules, kWh.</param>
/// <param name="StepsInExcess">Steps of the final schedules over a limit.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketNodeMessage")]
public sealed record MarketNodeMessage(
    [property: Id(0)] string NodeId,
    [property: Id(1)] double[] NetImportKw,
    [property: Id(2)] double[] ImportMaxKw,
    [property: Id(3)] double[] ExportMaxKw,
    [property: Id(4)] long[] DsoVersionPerStep,
    [property: Id(5)] double PeakImportKw,
    [property: Id(6)] double PeakExportKw,
    [property: Id(7)] double ExcessBeforeKwh,
    [property: Id(8)] double ExcessAfterKwh,
    [property: Id(9)] int StepsInExcess);
