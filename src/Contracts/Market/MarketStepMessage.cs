namespace Sems.Contracts.Market;

/// <summary>One step of the settled market: its prices and where the energy went.</summary>
/// <param name="Step">The step, 0 first.</param>
/// <param name="RetailPerKwh">λ_b, the grid's import price, currency/kWh.</param>
/// <param name="FeedInPerKwh">λ_s, the grid's export price, currency/kWh.</param>
/// <param name="BuyPerKwh">What a buyer paid per kWh in the market, currency/kWh.</param>
/// <param name="SellPerKwh">What a seller earned per kWh in the market, currency/kWh.</param>
/// <param name="PeerTradedKwh">Energy traded between prosumers, kWh.</param>
/// <param name="GridImportKwh">Energy the community drew from the grid, kWh.</param>
/// <param name="GridExportKwh">Energy the community fed back into the grid, kWh.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketStepMessage")]
public sealed record MarketStepMessage(
    [property: Id(0)] int Step,
    [property: Id(1)] double RetailPerKwh,
    [property: Id(2)] double FeedInPerKwh,
    [property: Id(3)] double BuyPerKwh,
    [property: Id(4)] double SellPerKwh,
    [property: Id(5)] double PeerTradedKwh,
    [property: Id(6)] double GridImportKwh,
    [property: Id(7)] double GridExportKwh);
