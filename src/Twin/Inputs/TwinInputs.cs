namespace Sems.Twin;

/// <summary>
/// Exogenous inputs of the twin for calendar year 2022 (UTC), read once from the CSV files embedded from
/// <c>Data/</c> (Cambridge University Estates building energy usage archive v2.1, MIT licence; provenance, units
/// and licences in <c>Data/README.md</c>).
/// <para>
/// Each hourly value is placed at the instant it represents and read by linear interpolation between neighbouring
/// values:
/// <list type="bullet">
/// <item>Agile import price and GB carbon intensity are means over the hour <b>starting</b> at the timestamp, so
/// the value for hh:00 is placed at hh:30.</item>
/// <item>Bedford air temperature is a spot observation <b>at</b> the timestamp, so the value for hh:00 is placed at
/// hh:00.</item>
/// <item>Bedford global irradiance is a mean over the hour <b>ending</b> at the timestamp, so the value for hh:00 is
/// placed at (hh−1):30.</item>
/// </list>
/// Within the covered range but beyond the outermost placed value (at most the first 30 min or the last 30–60 min
/// of the year) the nearest value is held. Times outside [2022-01-01T00:00Z, 2023-01-01T00:00Z) are rejected with an
/// <see cref="ArgumentOutOfRangeException"/>.
/// </para>
/// </summary>
public sealed class TwinInputs
{
    /// <summary>
    /// Gas unit price of the 2022 price set, 0.103 GBP/kWh (10.3 p/kWh incl. VAT): the UK Energy Price Guarantee
    /// domestic gas unit rate from 1 October 2022 (UK Government / Ofgem announcement of the Energy Price Guarantee,
    /// September 2022). A run's gas price is <see cref="GasUnitPriceGbpPerKwh"/>.
    /// </summary>
    public const double GasPriceGbpPerKwh = 0.103;

    /// <summary>The 2018 price set's file (<c>Data/prices_uk_2018.csv</c>; source in <c>Data/README.md</c>).</summary>
    public const string Prices2018File = "prices_uk_2018.csv";

    /// <summary>
    /// Carbon intensity of natural gas, 0.184 kgCO2/kWh of fuel: the value assumed for the Greenwich case study
    /// (O'Dwyer et al., Sustainable Cities and Society 62 (2020) 102412, §4.2), taken there from BEIS "Greenhouse gas
    /// reporting: conversion factors 2018" (natural gas, gross calorific value basis).
    /// </summary>
    public const double GasCarbonKgPerKwh = 0.184;

    /// <summary>Archive identifier of the building whose gas series is <see cref="CalibrationHeatLoad"/> (see <c>Data/README.md</c>).</summary>
    public const string CalibrationBuildingId = "UCam_Building_b25";

    /// <summary>Half an hour: offset from an hour-average's timestamp to the centre of the hour it covers (definition).</summary>
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    private static readonly Lazy<TwinInputs> Year2022 = new(Create2022, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<TwinInputs> Prices2018 = new(CreatePrices2018, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HourlySeries _price;
    private readonly HourlySeries _carbon;
    private readonly HourlySeries _temperature;
    private readonly HourlySeries _irradiance;

    private TwinInputs(
        DateTimeOffset coverageStart,
        DateTimeOffset coverageEnd,
        HourlySeries price,
        HourlySeries carbon,
        HourlySeries temperature,
        HourlySeries irradiance,
        IReadOnlyList<(DateTimeOffset Time, double HeatKwh)> calibrationHeatLoad,
        string prices,
        double gasUnitPriceGbpPerKwh)
    {
        Prices = prices;
        GasUnitPriceGbpPerKwh = gasUnitPriceGbpPerKwh;
        CoverageStart = coverageStart;
        CoverageEnd = coverageEnd;
        _price = price;
        _carbon = carbon;
        _temperature = temperature;
        _irradiance = irradiance;
        CalibrationHeatLoad = calibrationHeatLoad;
    }

    /// <summary>The price set (<see cref="PriceScenarios"/>): "2022" or "2018".</summary>
    public string Prices { get; }

    /// <summary>Gas unit price of the price set, GBP/kWh of fuel (constant over the run).</summary>
    public double GasUnitPriceGbpPerKwh { get; }

    /// <summary>First instant covered (inclusive): 2022-01-01T00:00Z.</summary>
    public DateTimeOffset CoverageStart { get; }

    /// <summary>End of the covered range (exclusive): 2023-01-01T00:00Z.</summary>
    public DateTimeOffset CoverageEnd { get; }

    /// <summary>
    /// Hourly gas use of the calibration building <see cref="CalibrationBuildingId"/> in kWh of fuel per hour,
    /// 8,760 values; <c>Time</c> is the UTC start of the hour the energy was used in.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset Time, double HeatKwh)> CalibrationHeatLoad { get; }

    /// <summary>The 2022 inputs, parsed on first use and shared afterwards (thread-safe).</summary>
    public static TwinInputs Load2022() => Year2022.Value;

    /// <summary>
    /// The 2022 inputs on the named price set (<see cref="PriceScenarios.Names"/>): "2022" is <see cref="Load2022"/>;
    /// "2018" keeps the 2022 weather, carbon and calibration data and replaces the prices (see
    /// <see cref="PriceScenarios.Year2018"/>). Another name is an <see cref="ArgumentException"/> naming it.
    /// </summary>
    public static TwinInputs Load(string prices) => prices switch
    {
        PriceScenarios.Year2022 => Year2022.Value,
        PriceScenarios.Year2018 => Prices2018.Value,
        _ => throw new ArgumentException($"price set \"{prices}\" is not one of {string.Join(", ", PriceScenarios.Names)}", nameof(prices)),
    };

    /// <summary>
    /// The factor the 2018 price set multiplies the 2022 Agile series by: the 2018 mean electricity price over the
    /// 2022 series' mean (both GBP/kWh), so the daily shape and its negative hours are kept and only the level changes.
    /// </summary>
    public static double ElectricityScale2018 => Prices2018.Value._price.Mean / Year2022.Value._price.Mean;

    /// <summary>Octopus Agile import price, Eastern England, in GBP/kWh including VAT, at <paramref name="t"/>.</summary>
    public double PriceGbpPerKwh(DateTimeOffset t) => Read(_price, t, "Agile import price");

    /// <summary>GB grid carbon intensity (NG ESO historic generation mix) in kgCO2/kWh at <paramref name="t"/>.</summary>
    public double CarbonKgPerKwh(DateTimeOffset t) => Read(_carbon, t, "grid carbon intensity");

    /// <summary>Bedford outdoor air temperature in °C at <paramref name="t"/>.</summary>
    public double OutdoorTemperatureC(DateTimeOffset t) => Read(_temperature, t, "outdoor temperature");

    /// <summary>Bedford global horizontal irradiance in W/m² at <paramref name="t"/> (never negative).</summary>
    public double GlobalHorizontalIrradianceWm2(DateTimeOffset t) => Math.Max(0.0, Read(_irradiance, t, "global horizontal irradiance"));

    private double Read(HourlySeries series, DateTimeOffset t, string quantity)
    {
        if (t < CoverageStart || t >= CoverageEnd)
        {
            throw new ArgumentOutOfRangeException(
                nameof(t),
                t,
                $"No {quantity} data for {t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}: the embedded inputs cover " +
                $"{CoverageStart.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (inclusive) to {CoverageEnd.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (exclusive).");
        }

        return series.Interpolate(t);
    }

    private static TwinInputs Create2022()
    {
        var (priceStart, price) = EmbeddedCsv.ReadHourly("agile_import_price_eastern_england_2022.csv", "Electricity Pricing [£/kWh]");
        var (carbonStart, carbon) = EmbeddedCsv.ReadHourly("carbon_intensity_gb_2022.csv", "Carbon Intensity [kg_CO2/kWh]");
        var (weatherStart, weather) = EmbeddedCsv.ReadHourly("weather_bedford_2022.csv", "air_temperature [degC]", "glbl_irad_amt [W/m2]");
        var (gasStart, gas) = EmbeddedCsv.ReadHourly("gas_ucam_building_b25_2022.csv", "heating load [kWh]");

        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(1);
        var hours = (int)(end - start).TotalHours;
        foreach (var (name, first, length) in new[]
                 {
                     ("price", priceStart, price[0].Length),
                     ("carbon", carbonStart, carbon[0].Length),
                     ("weather", weatherStart, weather[0].Length),
                     ("gas", gasStart, gas[0].Length),
                 })
        {
            if (first != start || length != hours)
            {
                throw new InvalidDataException($"Embedded {name} data must hold {hours} hourly rows from {start:yyyy-MM-dd}; found {length} from {first:yyyy-MM-dd HH:mm}.");
            }
        }

        var heat = gas[0].Select((kwh, i) => (start.AddHours(i), kwh)).ToArray();
        return new TwinInputs(
            start,
            end,
            new HourlySeries(priceStart + HalfHour, price[0]),
            new HourlySeries(carbonStart + HalfHour, carbon[0]),
            new HourlySeries(weatherStart, weather[0]),
            new HourlySeries(weatherStart - HalfHour, weather[1]),
            heat,
            PriceScenarios.Year2022,
            GasPriceGbpPerKwh);
    }

    private static TwinInputs CreatePrices2018()
    {
        var values = EmbeddedCsv.ReadNamedValues(Prices2018File);
        double Value(string name) => values.TryGetValue(name, out var v) && v > 0
            ? v
            : throw new InvalidDataException($"{Prices2018File}: '{name}' is missing or not a price above 0 GBP/kWh.");
        var electricityMean = Value("electricity_mean");
        var gas = Value("gas");
        var year = Year2022.Value;
        return new TwinInputs(year.CoverageStart, year.CoverageEnd, year._price.Scaled(electricityMean / year._price.Mean), year._carbon,
            year._temperature, year._irradiance, year.CalibrationHeatLoad, PriceScenarios.Year2018, gas);
    }
}
