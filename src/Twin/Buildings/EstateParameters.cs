namespace Sems.Twin;

/// <summary>
/// Parameters of the lumped degree-hour estate model: heat (kW) = <see cref="UaKwPerK"/> ·
/// max(0, <see cref="BalanceTemperatureC"/> − outdoor °C) + <see cref="HotWaterBaseKw"/> · hot-water factor.
/// </summary>
/// <param name="UaKwPerK">Effective heat-loss coefficient of the estate (fabric, ventilation and network losses), kW/K.</param>
/// <param name="BalanceTemperatureC">Outdoor temperature above which no space heating is needed, °C.</param>
/// <param name="HotWaterBaseKw">Daily-mean hot-water heat demand, kW (the hot-water factor averages 1 over a day).</param>
public sealed record EstateParameters(double UaKwPerK, double BalanceTemperatureC, double HotWaterBaseKw);
