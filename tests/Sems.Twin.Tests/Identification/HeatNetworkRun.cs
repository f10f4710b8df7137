using Sems.Engine.Identification;
using Sems.Twin.Plants;

namespace Sems.Twin.Tests.Identification;

/// <summary>A simulated log: the identification data (measured), the plant's parameters and the true temperatures (°C).</summary>
internal sealed record HeatNetworkRun(IdentificationData Data, HeatNetworkParameters Parameters, IReadOnlyList<double> TrueTemperatureC);
