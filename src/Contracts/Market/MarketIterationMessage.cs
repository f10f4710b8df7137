namespace Sems.Contracts.Market;

/// <summary>One iteration of the market's price loop: the prices sent and what the answers added up to.</summary>
/// <param name="Iteration">0 first (the grid's own tariffs: the no-market baseline).</param>
/// <param name="BuyPerKwh">The buy price sent per step, currency/kWh.</param>
/// <param name="SellPerKwh">The sell price sent per step, currency/kWh.</param>
/// <param name="CommunityCost">Σ of the answering prosumers' cost at those prices (energy and discomfort), currency.</param>
/// <param name="PeerTradedKwh">Energy the answers trade between prosumers, kWh.</param>
/// <param name="GridImportKwh">Energy the community draws from the grid, kWh.</param>
/// <param name="GridExportKwh">Energy the community feeds back into the grid, kWh.</param>
/// <param name="MaxPriceChangePerKwh">The largest change of a price against the previous iteration, currency/kWh (0 at iteration 0).</param>
/// <param name="Answered">How many prosumers answered.</param>
/// <param name="CostChange">CommunityCost minus the previous iteration's (over the prosumers who answered both), currency; null at iteration 0.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketIterationMessage")]
public sealed record MarketIterationMessage(
    [property: Id(0)] int Iteration,
    [property: Id(1)] double[] BuyPerKwh,
    [property: Id(2)] double[] SellPerKwh,
    [property: Id(3)] double CommunityCost,
    [property: Id(4)] double PeerTradedKwh,
    [property: Id(5)] double GridImportKwh,
    [property: Id(6)] double GridExportKwh,
    [property: Id(7)] double MaxPriceChangePerKwh,
    [property: Id(8)] int Answered,
    [property: Id(9)] double? CostChange);
