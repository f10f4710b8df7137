namespace Sems.Engine.Model;

/// <summary>Pmin and Pmax, kW, on a subsystem's total draw of one resource (eq. 5).</summary>
public sealed record ResourceBounds(Series Min, Series Max);
