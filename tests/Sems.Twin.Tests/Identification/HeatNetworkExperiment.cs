using Sems.Engine.Identification;
using Sems.Twin.Plants;

namespace Sems.Twin.Tests.Identification;

/// <summary>
/// Generates identification data from the twin's heat network: the Greenwich estate's November 2022 heat demand as
/// the load, a seeded random but bounded schedule of heat-pump and boiler set-points as the excitation, and the
/// network temperature read every 15 minutes (optionally with seeded Gaussian sensor noise).
/// <para>
/// Schedule: every 2–6 h (uniform) the heat pump's electrical set-point jumps to a uniform value in 0–50 kW and a
/// reference temperature to a uniform value in 62–72 °C. Each step the boiler covers the rest of what a proportional
/// controller on the measured temperature asks for, load + pipe loss + C·(T_ref − T)/2 h, plus a uniform ±40 kW
/// dither, within 0–650 kW of gas. The dither and the jumps keep the heat input from following the load exactly, so
/// that B (heat) and E (load) can be told apart; the controller keeps the temperature near the band.
/// </para>
/// </summary>
internal static class HeatNetworkExperiment
{
    public const string HeatInput = "heat";
    public const string LoadDisturbance = "heatLoad";
    public const string GroundDisturbance = "groundTemp";
    public const int StepMinutes = 15;
    public const int Substeps = 3;

    public static readonly DateTimeOffset Start = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private const double StepHours = StepMinutes / 60.0;
    private const double ControllerTimeConstantHours = 2.0;
    private const double DitherKw = 40.0;

    /// <summary>Simulates <paramref name="days"/> days from 1 November 2022 and returns the log.</summary>
    public static HeatNetworkRun Run(int days, int seed, double noiseStdDevK)
    {
        var parameters = new HeatNetworkParameters();
        var plant = new HeatNetworkPlant(parameters);
        var estate = EstateModel.Greenwich;
        var noise = new MeasurementNoise(seed, noiseStdDevK);
        var random = new Random(seed);
        var steps = days * 24 * 60 / StepMinutes;

        var states = new double[steps + 1];
        var heat = new double[steps];
        var load = new double[steps];
        var ground = new double[steps];
        var trueTemperature = new double[steps + 1];
        trueTemperature[0] = plant.NetworkTemperatureC;
        states[0] = noise.Measure("network/temperature-c", Start, plant.NetworkTemperatureC);

        var blockLeft = 0;
        var heatPumpElectricKw = 0.0;
        var referenceC = 66.0;
        for (var i = 0; i < steps; i++)
        {
            var t = Start.AddMinutes(i * StepMinutes);
            if (blockLeft == 0)
            {
                blockLeft = random.Next(8, 25);
                heatPumpElectricKw = random.NextDouble() * parameters.HeatPumpMaxElectricKw;
                referenceC = 62.0 + 10.0 * random.NextDouble();
            }

            blockLeft--;
            load[i] = estate.HeatDemandKw(t.AddMinutes(StepMinutes / 2.0));
            ground[i] = parameters.GroundTemperatureC;
            var measured = states[i];
            var heatPumpHeatKw = heatPumpElectricKw * HeatPumpCop.WaterSource(
                HeatPumpCop.RiverTemperatureC(t), measured + parameters.HeatPumpSinkOffsetK, parameters.HeatPumpCarnotEfficiency);
            var wantedKw = load[i] + parameters.PipeLossKwPerK * (measured - parameters.GroundTemperatureC)
                + parameters.NetworkCapacityKwhPerK * (referenceC - measured) / ControllerTimeConstantHours
                + DitherKw * (2.0 * random.NextDouble() - 1.0);
            var boilerGasKw = Math.Clamp((wantedKw - heatPumpHeatKw) / parameters.BoilerEfficiency, 0.0, parameters.BoilerMaxGasKw);

            var result = plant.Step(StepHours, new HeatSetpoints(heatPumpElectricKw, boilerGasKw, 0.0, 0.0), load[i], HeatPumpCop.RiverTemperatureC(t), Substeps);
            heat[i] = result.HeatPumpHeatKw + result.BoilerHeatKw;
            trueTemperature[i + 1] = result.NetworkTemperatureC;
            states[i + 1] = noise.Measure("network/temperature-c", t.AddMinutes(StepMinutes), result.NetworkTemperatureC);
        }

        var data = new IdentificationData(
            states,
            new Dictionary<string, IReadOnlyList<double>> { [HeatInput] = heat },
            new Dictionary<string, IReadOnlyList<double>> { [LoadDisturbance] = load, [GroundDisturbance] = ground },
            StepMinutes);
        return new HeatNetworkRun(data, parameters, trueTemperature);
    }

    /// <summary>
    /// The exact discrete map of the plant over one step with the inputs held: the plant takes
    /// <see cref="Substeps"/> explicit Euler sub-steps of h = Δt/3, T ← a·T + (h/C)·(Q − L + UA·T_g) with
    /// a = 1 − UA·h/C, so over the step T⁺ = a³·T + (1 + a + a²)·(h/C)·(Q − L + UA·T_g):
    /// A = a³, B = (1 + a + a²)·h/C, E_load = −B, E_ground = B·UA. (One Euler step of Δt would give 1 − UA·Δt/C and Δt/C;
    /// the two differ by O((UA·Δt/C)²), here about 6·10⁻⁶ in A.) The heat pump's heat varies slightly between sub-steps
    /// as its COP follows the network temperature; the log records the sub-step mean, which this map treats as held.
    /// </summary>
    public static ExpectedModel Expected(HeatNetworkParameters p)
    {
        var h = StepHours / Substeps;
        var a = 1.0 - p.PipeLossKwPerK * h / p.NetworkCapacityKwhPerK;
        var b = (1.0 + a + a * a) * h / p.NetworkCapacityKwhPerK;
        return new ExpectedModel(a * a * a, b, -b, b * p.PipeLossKwPerK);
    }
}
