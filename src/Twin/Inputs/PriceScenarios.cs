namespace Sems.Twin;

/// <summary>
/// The price sets the twin can run on (<see cref="TwinInputs.Load(string)"/>). Weather, carbon intensity and the
/// calibration building stay those of 2022 in both; only the electricity and gas prices change.
/// </summary>
public static class PriceScenarios
{
    /// <summary>
    /// 2022: Octopus Agile import prices as measured (Eastern England, incl. VAT) and the Energy Price Guarantee gas
    /// unit rate, 0.103 GBP/kWh. Heat from the heat pump is cheaper than heat from gas in most hours.
    /// </summary>
    public const string Year2022 = "2022";

    /// <summary>
    /// 2018, the period of O'Dwyer et al.'s case studies: the 2022 Agile series scaled by one factor so that its annual
    /// mean equals the 2018 mean electricity price, and the 2018 gas price (both in <c>Data/prices_uk_2018.csv</c>,
    /// source in <c>Data/README.md</c>). Gas costs a fifth of electricity per kWh, as in the paper's period.
    /// </summary>
    public const string Year2018 = "2018";

    /// <summary>Every price set, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [Year2022, Year2018];
}
