namespace Sems.Contracts.Market;

/// <summary>The settlement's money over the horizon, whole cents: what buyers pay equals what sellers earn plus the grid's share.</summary>
/// <param name="BuyersPayCents">Σ of the buyers' payments, cents.</param>
/// <param name="SellersEarnCents">Σ of the sellers' earnings, cents.</param>
/// <param name="GridPaidCents">Paid to the grid, cents.</param>
/// <param name="GridPaysCents">Paid by the grid, cents.</param>
/// <param name="Balanced">Whether buyers' payments = sellers' earnings + paid to the grid − paid by the grid, to the cent.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketBudgetMessage")]
public sealed record MarketBudgetMessage(
    [property: Id(0)] long BuyersPayCents,
    [property: Id(1)] long SellersEarnCents,
    [property: Id(2)] long GridPaidCents,
    [property: Id(3)] long GridPaysCents,
    [property: Id(4)] bool Balanced);
