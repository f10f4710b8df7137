using Sems.Engine.Identification;

namespace Sems.Engine.Tests.Identification;

/// <summary>
/// Data from a known first-order plant x[k+1] = a·x[k] + b·heat[k] + e·outdoor[k] + w[k], w seeded Gaussian process
/// noise: the ground truth the identification must recover or refuse.
/// </summary>
internal static class FirstOrderPlant
{
    public const double A = 0.9;
    public const double B = 0.01;      // K per kW per step
    public const double E = 0.1;       // K per K of outdoor temperature per step
    public const double NoiseK = 0.05; // standard deviation of w

    /// <summary>
    /// <paramref name="steps"/> steps. Open loop: heat uniform on 0–1,000 kW, independent of everything. With a
    /// <paramref name="gainKwPerK"/> &gt; 0 the heat follows a weather-compensation controller,
    /// heat = 500 − gain·(outdoor − 5) plus a ±<paramref name="ditherKw"/> uniform dither.
    /// </summary>
    public static IdentificationData Generate(int steps, int seed, double b = B, double gainKwPerK = 0.0, double ditherKw = 0.0)
    {
        var random = new Random(seed);
        var states = new double[steps + 1];
        var heat = new double[steps];
        var outdoor = new double[steps];
        states[0] = 55.0;
        for (var k = 0; k < steps; k++)
        {
            outdoor[k] = 5.0 + 4.0 * Math.Sin(2 * Math.PI * k / 24.0) + 3.0 * Math.Sin(2 * Math.PI * k / 173.0) + random.NextDouble() - 0.5;
            heat[k] = gainKwPerK > 0.0
                ? 500.0 - gainKwPerK * (outdoor[k] - 5.0) + ditherKw * (2 * random.NextDouble() - 1)
                : 1000.0 * random.NextDouble();
            states[k + 1] = A * states[k] + b * heat[k] + E * outdoor[k] + NoiseK * Gaussian(random);
        }

        return new IdentificationData(states,
            new Dictionary<string, IReadOnlyList<double>> { ["heat"] = heat },
            new Dictionary<string, IReadOnlyList<double>> { ["outdoor"] = outdoor },
            60);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
