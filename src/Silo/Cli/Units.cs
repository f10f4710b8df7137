using System.Globalization;

namespace Sems.Silo.Cli;

/// <summary>Formatting of numbers with their units for people.</summary>
internal static class Units
{
    /// <summary>
    /// The unit of a factor's total (factor per kWh × kWh): the contract's cost is in the district's currency (its ISO
    /// code when the file names one), co2 in kgCO2.
    /// </summary>
    public static string OfFactorTotal(string factor, string? currency = null) => factor.ToLowerInvariant() switch
    {
        "cost" or "price" => currency ?? "currency units",
        "co2" or "carbon" or "emissions" => "kgCO2",
        _ => $"{factor} units",
    };

    public static string Number(double value, int decimals = 2) =>
        double.IsFinite(value) ? value.ToString("N" + decimals, CultureInfo.InvariantCulture) : "—";
}
