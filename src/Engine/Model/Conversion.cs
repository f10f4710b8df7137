namespace Sems.Engine.Model;

/// <summary>One (p, q) pair of eq. 1: draws <see cref="Resource"/> (v, kW) and produces <see cref="EnergyType"/> (u = η·v, kW).</summary>
/// <param name="Efficiency">η per step (a heat pump's COP varies with time).</param>
/// <param name="Min">tech^min, kW of resource drawn (eq. 4).</param>
/// <param name="Max">tech^max, kW of resource drawn (eq. 3).</param>
public sealed record Conversion(string Resource, string EnergyType, Series Efficiency, Series Min, Series Max);
