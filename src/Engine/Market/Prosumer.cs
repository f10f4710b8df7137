namespace Sems.Engine.Market;

/// <summary>One member of a local energy market: a home or a tertiary building with its meter, load, PV, battery and flexible loads.</summary>
/// <param name="Id">The prosumer's id (the district-format id syntax), unique in its community.</param>
/// <param name="Kind">What it is, for reports: "dwelling", "tertiary", …</param>
/// <param name="Node">The grid node its meter is connected to; null for the root.</param>
/// <param name="Virtual">Whether its assets are virtual (emulated) rather than metered ones.</param>
/// <param name="External">Whether a third-party energy management system answers for it (over the adapter); its asset fields are then empty.</param>
/// <param name="LoadKw">Inflexible consumption per step, kW ≥ 0.</param>
/// <param name="PvKw">PV generation available per step, kW ≥ 0 (it may be curtailed).</param>
/// <param name="ImportMaxKw">The most its connection may import per step, kW ≥ 0.</param>
/// <param name="ExportMaxKw">The most its connection may export per step, kW ≥ 0.</param>
/// <param name="Battery">Its battery, if any.</param>
/// <param name="FlexibleLoads">Its shiftable loads.</param>
public sealed record Prosumer(
    string Id,
    string Kind,
    string? Node,
    bool Virtual,
    bool External,
    IReadOnlyList<double> LoadKw,
    IReadOnlyList<double> PvKw,
    IReadOnlyList<double> ImportMaxKw,
    IReadOnlyList<double> ExportMaxKw,
    ProsumerBattery? Battery,
    IReadOnlyList<FlexibleLoad> FlexibleLoads);
