using Sems.Engine.Identification;
using Sems.Engine.Validation;

namespace Sems.Twin.Tests.Identification;

/// <summary>
/// Identifies the twin's heat-network node from three weeks of simulated November 2022 operation (2,016 steps of
/// 15 min: 1,613 training, the last 403 held out) and compares the result with the plant's exact discrete map
/// (<see cref="HeatNetworkExperiment.Expected"/>: C = 42 kWh/K, UA = 0.5 kW/K, T_ground = 10 °C, three sub-steps).
/// </summary>
public sealed class HeatNetworkIdentificationTests
{
    private const int Days = 21;
    private const int Seed = 2022;

    /// <summary>Sensor noise of the "measured" run, K: a class-A Pt100 read through a 15-minute average.</summary>
    private const double SensorNoiseK = 0.02;

    private static readonly Lazy<(HeatNetworkRun Run, IdentifiedModel Model)> Exact = new(() => Identify(0.0));
    private static readonly Lazy<(HeatNetworkRun Run, IdentifiedModel Model)> Measured = new(() => Identify(SensorNoiseK));

    [Fact]
    public void Noise_free_data_recover_the_plants_exact_discrete_map()
    {
        var (run, model) = Exact.Value;
        var expected = HeatNetworkExperiment.Expected(run.Parameters);

        // The only model error is the heat pump's COP moving between sub-steps (the log holds the sub-step mean), so
        // the coefficients agree to ~1e-8 absolute in A, ~1e-6 relative in B and E_load and ~1e-5 relative in E_ground
        // (the level term, collinear with x); each tolerance leaves a factor of about 10.
        Assert.Equal(expected.A, model.A, 1e-7);
        AssertRelative(expected.BHeat, model.B[HeatNetworkExperiment.HeatInput], 1e-5);
        AssertRelative(expected.ELoad, model.E[HeatNetworkExperiment.LoadDisturbance], 1e-5);
        AssertRelative(expected.EGround, model.E[HeatNetworkExperiment.GroundDisturbance], 1e-4);
        Assert.Equal(1613, model.TrainingSteps);
        Assert.Equal(403, model.ValidationSteps);
        Assert.Equal(4, model.ParameterCount);
        Assert.Equal(HeatNetworkExperiment.StepMinutes, model.StepMinutes);
    }

    [Fact]
    public void Noisy_measurements_recover_the_physics_within_stated_tolerances()
    {
        var (run, model) = Measured.Value;
        var expected = HeatNetworkExperiment.Expected(run.Parameters);
        var p = run.Parameters;

        // Gains: B = Δt/C and E_load = −Δt/C within 1 % (the network's heat capacity within 1 %).
        AssertRelative(expected.BHeat, model.B[HeatNetworkExperiment.HeatInput], 0.01);
        AssertRelative(expected.ELoad, model.E[HeatNetworkExperiment.LoadDisturbance], 0.01);

        // Decay: noise on the regressor x[i] biases A towards 0 (errors in variables; ridge cannot remove a bias), by
        // about σ²/var(x | other regressors). Tolerance: 10 % of 1 − A, i.e. the pipe-loss time constant C/UA = 84 h
        // within about 10 %.
        Assert.Equal(expected.A, model.A, 0.1 * (1.0 - expected.A));

        // Level: E_ground·T_ground is a level term 56 K below a temperature that varies by only ±4.5 K, so it trades
        // off against A; their combination, the pipe-loss drift (A − 1)·T + E_ground·T_ground at the mean measured
        // temperature (°C per step), is what the data pin down: within 2 %. E_ground alone: within 50 %.
        var meanC = run.Data.States.Take(model.TrainingSteps + 1).Average();
        var driftExpected = (expected.A - 1.0) * meanC + expected.EGround * p.GroundTemperatureC;
        var driftModel = (model.A - 1.0) * meanC + model.E[HeatNetworkExperiment.GroundDisturbance] * p.GroundTemperatureC;
        AssertRelative(driftExpected, driftModel, 0.02);
        AssertRelative(expected.EGround, model.E[HeatNetworkExperiment.GroundDisturbance], 0.5);
    }

    [Fact]
    public void Held_out_free_run_meets_the_G14_targets_and_matches_the_twins_G14()
    {
        foreach (var (run, model) in new[] { Exact.Value, Measured.Value })
        {
            Assert.True(model.MeetsG14, $"NMBE {model.NmbePercent} %, CV(RMSE) {model.CvRmsePercent} %");
            Assert.InRange(Math.Abs(model.NmbePercent), 0.0, IdentifiedModel.G14NmbeLimitPercent);
            Assert.InRange(model.CvRmsePercent, 0.0, IdentifiedModel.G14CvRmseLimitPercent);

            // Independent check: simulate the held-out part with the returned model here and apply G14 (hand-checked in G14Tests) with p = 4.
            var (measured, modelled) = FreeRun(run, model);
            Assert.Equal(G14.Nmbe(measured, modelled, model.ParameterCount), model.NmbePercent, 1e-9);
            Assert.Equal(G14.CvRmse(measured, modelled, model.ParameterCount), model.CvRmsePercent, 1e-9);
            var rmse = Math.Sqrt(measured.Zip(modelled, (y, f) => (y - f) * (y - f)).Sum() / measured.Length);
            Assert.Equal(rmse, model.FreeRunRmse, 1e-12);
        }

        // With 0.02 K sensor noise the four-day free run stays within 0.1 K RMS (a 1-σ reading is 0.02 K).
        Assert.InRange(Measured.Value.Model.FreeRunRmse, 0.0, 0.1);
        Assert.InRange(Measured.Value.Model.CvRmsePercent, 0.0, 0.5);
    }

    [Fact]
    public void Lambda_is_the_grid_value_with_the_least_free_run_error()
    {
        var model = Measured.Value.Model;
        Assert.Equal(IdentificationOptions.Default.Lambdas, model.LambdaScores.Select(s => s.Lambda));
        var best = model.LambdaScores.MinBy(s => s.FreeRunRmse)!;
        Assert.Equal(best.Lambda, model.Lambda);
        Assert.Equal(best.FreeRunRmse, model.FreeRunRmse);
        Assert.Equal(best.OneStepRmse, model.OneStepRmse);

        // Free run accumulates what one step hides: over 403 steps its error exceeds the one-step error, and a
        // moderate λ that one-step error barely notices (< 1 % worse) already costs the free run more than 5 %.
        Assert.True(model.FreeRunRmse > model.OneStepRmse);
        var moderate = model.LambdaScores.Single(s => Math.Abs(Math.Log10(s.Lambda) - (-1.0)) < 1e-9);
        Assert.InRange(moderate.OneStepRmse / model.OneStepRmse, 1.0, 1.01);
        Assert.True(moderate.FreeRunRmse > 1.05 * model.FreeRunRmse, $"{moderate.FreeRunRmse} vs {model.FreeRunRmse}");
        Assert.True(model.LambdaScores[^1].FreeRunRmse > 10 * model.FreeRunRmse);
    }

    [Fact]
    public void Simulated_temperatures_stay_near_the_band_so_the_linear_map_is_exercised_where_it_is_used()
    {
        var (run, _) = Measured.Value;
        Assert.InRange(run.TrueTemperatureC.Min(), 58.0, 75.0);
        Assert.InRange(run.TrueTemperatureC.Max(), 60.0, 77.0);
    }

    private static (HeatNetworkRun, IdentifiedModel) Identify(double noiseK)
    {
        var run = HeatNetworkExperiment.Run(Days, Seed, noiseK);
        return (run, StateSpaceIdentifier.Fit(run.Data));
    }

    private static (double[] Measured, double[] Modelled) FreeRun(HeatNetworkRun run, IdentifiedModel model)
    {
        var data = run.Data;
        var steps = data.States.Count - 1;
        var x = data.States[model.TrainingSteps];
        var measured = new List<double>();
        var modelled = new List<double>();
        for (var i = model.TrainingSteps; i < steps; i++)
        {
            x = model.NextState(
                x,
                data.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value[i]),
                data.Disturbances.ToDictionary(kv => kv.Key, kv => kv.Value[i]));
            measured.Add(data.States[i + 1]);
            modelled.Add(x);
        }

        return ([.. measured], [.. modelled]);
    }

    private static void AssertRelative(double expected, double actual, double relativeTolerance) =>
        Assert.True(
            Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected),
            $"expected {expected:R} within {relativeTolerance:P3}, got {actual:R} ({(actual - expected) / expected:P4} off)");
}
