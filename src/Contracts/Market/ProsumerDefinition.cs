namespace Sems.Contracts.Market;

/// <summary>
/// One member of a local energy market as its prosumer grain holds it: its meter's connection, inflexible load, PV,
/// battery and flexible loads, every series one value per market step.
/// </summary>
/// <param name="Id">The prosumer's id, unique in its community.</param>
/// <param name="Kind">What it is, for reports: "dwelling", "tertiary", …</param>
/// <param name="Node">The grid node its meter is connected to; null for the root.</param>
/// <param name="Virtual">Whether its assets are virtual (emulated) rather than metered ones.</param>
/// <param name="External">Whether a third-party energy management system answers for it; its grain then cannot solve for it.</param>
/// <param name="LoadKw">Inflexible consumption per step, kW ≥ 0.</param>
/// <param name="PvKw">PV generation available per step, kW ≥ 0.</param>
/// <param name="ImportMaxKw">The most its connection may import per step, kW.</param>
/// <param name="ExportMaxKw">The most its connection may export per step, kW.</param>
/// <param name="Battery">Its battery, if any.</param>
/// <param name="FlexibleLoads">Its shiftable loads.</param>
[GenerateSerializer, Immutable, Alias("sems.market.ProsumerDefinition")]
public sealed record ProsumerDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Node,
    [property: Id(3)] bool Virtual,
    [property: Id(4)] bool External,
    [property: Id(5)] double[] LoadKw,
    [property: Id(6)] double[] PvKw,
    [property: Id(7)] double[] ImportMaxKw,
    [property: Id(8)] double[] ExportMaxKw,
    [property: Id(9)] ProsumerBatteryDefinition? Battery,
    [property: Id(10)] FlexibleLoadDefinition[] FlexibleLoads);
