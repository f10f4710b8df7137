namespace Sems.Engine.Market;

/// <summary>The internal prices of one step under supply–demand-ratio pricing.</summary>
/// <param name="Sdr">Total surplus offered / total deficit demanded; +∞ when nothing is demanded but something is offered, 0 when nothing is offered (also when nothing is demanded either).</param>
/// <param name="SellPerKwh">What a seller earns per kWh of surplus, currency/kWh.</param>
/// <param name="BuyPerKwh">What a buyer pays per kWh of deficit, currency/kWh, all in: the peers' share and the grid's share of its energy.</param>
public sealed record SdrPrice(double Sdr, double SellPerKwh, double BuyPerKwh);
