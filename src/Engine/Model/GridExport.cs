namespace Sems.Engine.Model;

/// <summary>
/// Power of one energy type that a subsystem feeds back into the grid of a resource (district file: a subsystem's
/// <c>exports</c>): PV surplus sold, a battery discharging to the grid. The exported power leaves the energy balance of
/// <see cref="EnergyType"/> (eq. 18) and is valued per kWh by the district's export factors (e.g. a feed-in tariff).
/// </summary>
/// <param name="Id">The export's id (<see cref="Identifier"/>), unique among the subsystem's assets.</param>
/// <param name="Resource">The grid it feeds: a resource that a supply of the same subsystem draws (e.g. "electricity").</param>
/// <param name="EnergyType">What is exported: an energy type that a supply of the same subsystem produces (e.g. "power").</param>
/// <param name="Min">kW exported at least, per step (0 unless the file says otherwise).</param>
/// <param name="Max">kW exported at most, per step.</param>
public sealed record GridExport(string Id, string Resource, string EnergyType, Series Min, Series Max);
