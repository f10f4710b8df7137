namespace Sems.Engine.Model;

/// <summary>A time-series demand dem (kW) of one energy type, met through the energy balance (eq. 18).</summary>
public sealed record SeriesDemand(string Id, string EnergyType, Series Values) : Demand(Id);
