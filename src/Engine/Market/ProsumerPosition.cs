namespace Sems.Engine.Market;

/// <summary>One prosumer's net position in one step.</summary>
/// <param name="Id">The prosumer's id, unique within the community.</param>
/// <param name="NetKwh">Surplus (+) or deficit (−) of the step, kWh.</param>
public sealed record ProsumerPosition(string Id, double NetKwh);
