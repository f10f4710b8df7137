using Sems.Engine.Identification;

namespace Sems.Engine.Tests.Identification;

/// <summary>
/// Identification on fit, validation and test blocks in time: the known plant's a, b, e are recovered, λ is chosen on
/// the validation block alone, and the reported statistics are those of the test block.
/// </summary>
public sealed class ThreeBlockIdentificationTests
{
    private static readonly IdentificationOptions ThreeBlocks = new() { ValidationFraction = 0.2, TestFraction = 0.2 };

    [Fact]
    public void Recovers_the_known_plant_from_noisy_open_loop_data()
    {
        var model = StateSpaceIdentifier.Fit(FirstOrderPlant.Generate(2000, seed: 11), ThreeBlocks);

        // 2,000 steps: 20 % = 400 validation, 400 test, 1,200 fit.
        Assert.Equal(1200, model.TrainingSteps);
        Assert.Equal(400, model.ValidationSteps);
        Assert.Equal(400, model.TestSteps);
        Assert.InRange(model.A, FirstOrderPlant.A - 0.01, FirstOrderPlant.A + 0.01);
        Assert.InRange(model.B["heat"], FirstOrderPlant.B * 0.95, FirstOrderPlant.B * 1.05);
        Assert.InRange(model.E["outdoor"], FirstOrderPlant.E * 0.9, FirstOrderPlant.E * 1.1);
        Assert.Empty(SignCheck.Violations(model, new Dictionary<string, ExpectedSign> { ["heat"] = ExpectedSign.Positive }));
        Assert.Empty(ClosedLoopCheck.Find(FirstOrderPlant.Generate(2000, seed: 11), model.TrainingSteps));
    }

    [Fact]
    public void The_statistics_are_a_free_run_over_the_test_block_only()
    {
        var data = FirstOrderPlant.Generate(1000, seed: 3);
        var model = StateSpaceIdentifier.Fit(data, ThreeBlocks);
        Assert.Equal(200, model.TestSteps);

        // A second implementation: simulate from the measured state at the test block's start, x[800], to x[1000].
        var x = data.States[800];
        var sum = 0.0;
        for (var k = 800; k < 1000; k++)
        {
            x = model.A * x + model.B["heat"] * data.Inputs["heat"][k] + model.E["outdoor"] * data.Disturbances["outdoor"][k];
            sum += (data.States[k + 1] - x) * (data.States[k + 1] - x);
        }

        Assert.Equal(Math.Sqrt(sum / 200), model.FreeRunRmse, 10);
    }

    [Fact]
    public void Lambda_is_chosen_without_seeing_the_test_block()
    {
        var data = FirstOrderPlant.Generate(1000, seed: 7);
        var model = StateSpaceIdentifier.Fit(data, ThreeBlocks);

        // Ruin the test block (steps 800–999): states after x[800] jump by 5 K and the heat doubles. The fit and
        // validation blocks are untouched.
        var states = data.States.ToArray();
        var heat = data.Inputs["heat"].ToArray();
        for (var k = 801; k <= 1000; k++) states[k] += 5.0;
        for (var k = 800; k < 1000; k++) heat[k] *= 2.0;
        var ruined = StateSpaceIdentifier.Fit(
            data with { States = states, Inputs = new Dictionary<string, IReadOnlyList<double>> { ["heat"] = heat } }, ThreeBlocks);

        Assert.Equal(model.Lambda, ruined.Lambda);
        Assert.Equal(model.LambdaScores, ruined.LambdaScores);
        Assert.Equal(model.A, ruined.A);
        Assert.Equal(model.B["heat"], ruined.B["heat"]);
        // The test block did change, and the statistics say so: a 5 K offset and doubled heat cannot go unseen.
        Assert.True(ruined.FreeRunRmse > model.FreeRunRmse + 1.0, $"{ruined.FreeRunRmse} vs {model.FreeRunRmse}");
    }

    [Fact]
    public void Without_a_test_block_the_split_is_the_two_part_one()
    {
        var model = StateSpaceIdentifier.Fit(FirstOrderPlant.Generate(1000, seed: 7));
        Assert.Equal(800, model.TrainingSteps);
        Assert.Equal(200, model.ValidationSteps);
        Assert.Equal(0, model.TestSteps);
    }

    [Fact]
    public void A_test_fraction_leaving_no_fit_block_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            StateSpaceIdentifier.Fit(FirstOrderPlant.Generate(100, seed: 1), new IdentificationOptions { ValidationFraction = 0.5, TestFraction = 0.5 }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("options.TestFraction = 0.5", e.Message);
    }
}
