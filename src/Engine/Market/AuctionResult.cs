namespace Sems.Engine.Market;

/// <summary>The outcome of one step's pay-as-clear double auction; every matched kWh trades at <paramref name="ClearingPricePerKwh"/>.</summary>
/// <param name="ClearingPricePerKwh">The uniform price, currency/kWh, within [λ_s, λ_b].</param>
/// <param name="Bids">One fill per bid, in input order.</param>
/// <param name="Offers">One fill per offer, in input order.</param>
/// <param name="GridSoldKwh">Energy the grid sold to bidders (its offer at λ_b matched), kWh.</param>
/// <param name="GridBoughtKwh">Energy the grid bought from sellers (its bid at λ_s matched), kWh.</param>
/// <param name="PeerTradedKwh">Energy traded between participants, kWh: Σ bought by bidders − <paramref name="GridSoldKwh"/>.</param>
public sealed record AuctionResult(
    double ClearingPricePerKwh,
    IReadOnlyList<AuctionFill> Bids,
    IReadOnlyList<AuctionFill> Offers,
    double GridSoldKwh,
    double GridBoughtKwh,
    double PeerTradedKwh);
