namespace Sems.Twin.Plants;

/// <summary>
/// The Greenwich heat network as the twin simulates it (O'Dwyer et al. §4.1: an estate of 95 flats on a communal network fed
/// by a water-source heat pump, gas boilers and a thermal store). Values are engineering estimates for a network of
/// this size, each with its derivation.
/// </summary>
public sealed record HeatNetworkParameters
{
    /// <summary>Heat capacity of the circulating water, kWh/K: ≈ 36 m³ in mains, risers, radiators and buffers × 1.163 kWh/(m³·K).</summary>
    public double NetworkCapacityKwhPerK { get; init; } = 42.0;

    /// <summary>Distribution loss coefficient, kW/K: ≈ 27 kW at 65 °C against 10 °C ground, about 10 % of the November load.</summary>
    public double PipeLossKwPerK { get; init; } = 0.5;

    /// <summary>Ground temperature around the mains, °C (UK soil at 1 m depth in November).</summary>
    public double GroundTemperatureC { get; init; } = 10.0;

    /// <summary>Heat pump electrical capacity, kW (sized so that heat pumps plus EV chargers exceed the 70 kW limit of §4.5 at peaks).</summary>
    public double HeatPumpMaxElectricKw { get; init; } = 50.0;

    /// <summary>Condenser temperature above the network temperature, K.</summary>
    public double HeatPumpSinkOffsetK { get; init; } = 5.0;

    /// <summary>Fraction of the Carnot COP a water-source heat pump reaches (typical 0.4–0.5).</summary>
    public double HeatPumpCarnotEfficiency { get; init; } = 0.45;

    /// <summary>Gas boilers' combined input capacity, kW (covers the design load of ≈ 550 kW heat alone).</summary>
    public double BoilerMaxGasKw { get; init; } = 650.0;

    /// <summary>Seasonal efficiency of condensing gas boilers at 60–75 °C flow (no condensing gain), fraction.</summary>
    public double BoilerEfficiency { get; init; } = 0.88;

    /// <summary>Thermal store capacity between 40 and 60 °C, kWh: ≈ 26 m³ × 1.163 kWh/(m³·K) × 20 K.</summary>
    public double StoreCapacityKwh { get; init; } = 600.0;

    public double StoreMinTemperatureC { get; init; } = 40.0;

    /// <summary>Maximum store temperature, °C (O'Dwyer et al. §4.3, Fig. 11).</summary>
    public double StoreMaxTemperatureC { get; init; } = 60.0;

    /// <summary>Fraction of stored heat kept per 15 minutes (standing loss ≈ 0.8 %/h of a well-insulated 26 m³ tank).</summary>
    public double StoreRetentionPer15Min { get; init; } = 0.998;

    public double StoreChargeEfficiency { get; init; } = 0.98;

    public double StoreDischargeEfficiency { get; init; } = 0.98;

    /// <summary>Store heat exchanger capacity, kW, charging or discharging.</summary>
    public double StoreMaxKw { get; init; } = 200.0;

    /// <summary>Network operating band, °C (O'Dwyer et al. §4.3).</summary>
    public double BandLowerC { get; init; } = 60.0;

    public double BandUpperC { get; init; } = 75.0;

    public double InitialNetworkTemperatureC { get; init; } = 66.0;

    public double InitialStoreKwh { get; init; } = 200.0;

    /// <summary>Store temperature for a state of charge: linear between the minimum and maximum temperatures.</summary>
    public double StoreTemperatureC(double storeKwh) =>
        StoreMinTemperatureC + (StoreMaxTemperatureC - StoreMinTemperatureC) * storeKwh / StoreCapacityKwh;
}
