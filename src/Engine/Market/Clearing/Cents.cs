namespace Sems.Engine.Market;

/// <summary>Money in whole cents, as the settlements round it.</summary>
internal static class Cents
{
    /// <summary>kWh × currency/kWh in decimal (each double taken to its 15 significant digits), rounded half-even to cents.</summary>
    public static long Of(double kwh, double perKwh) => Round((decimal)kwh * (decimal)perKwh);

    /// <summary>An amount of currency rounded half-even to cents.</summary>
    public static long Round(decimal amount) => (long)Math.Round(amount * 100m, MidpointRounding.ToEven);
}
