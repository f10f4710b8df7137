namespace Sems.Engine.Mpc;

/// <summary>One conversion's planned draw v (kW of resource) and output u = η·v (kW of energy type) per step.</summary>
public sealed record ConversionTrajectory(string Resource, string EnergyType, IReadOnlyList<double> DrawKw, IReadOnlyList<double> OutputKw);
