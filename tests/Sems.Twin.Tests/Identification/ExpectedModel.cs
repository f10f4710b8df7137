namespace Sems.Twin.Tests.Identification;

/// <summary>The plant's exact one-step coefficients: A, B (per kW of heat), E for the load (per kW) and the ground temperature (per °C).</summary>
internal sealed record ExpectedModel(double A, double BHeat, double ELoad, double EGround);
