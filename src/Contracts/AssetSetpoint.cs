namespace Sems.Contracts;

/// <summary>
/// The set-points of one asset for one step, committed by the coordinator for the asset's low-level controller.
/// <see cref="Source"/> is "plan", or "fallback" when the subsystem had no plan for the cycle and the asset keeps its last values.
/// Keys carry their units, e.g. "gas.drawKw", "heat.outputKw", "chargeKw", "dischargeKw", "socKwh", "y0".
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.AssetSetpoint")]
public sealed record AssetSetpoint(
    [property: Id(0)] int Cycle,
    [property: Id(1)] DateTimeOffset ValidFrom,
    [property: Id(2)] DateTimeOffset ValidUntil,
    [property: Id(3)] IReadOnlyDictionary<string, double> Values,
    [property: Id(4)] string Source = "plan");
