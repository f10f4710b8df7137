using Sems.Engine.Identification;

namespace Sems.Engine.Tests.Identification;

/// <summary>Sign checks refuse a model in which more heat cools; closed-loop inputs are found with their r.</summary>
public sealed class PhysicalChecksTests
{
    private static readonly IdentificationOptions ThreeBlocks = new() { ValidationFraction = 0.2, TestFraction = 0.2 };
    private static readonly Dictionary<string, ExpectedSign> HeatRaises = new() { ["heat"] = ExpectedSign.Positive };

    [Fact]
    public void A_plant_whose_input_cools_gives_a_negative_heat_gain_that_is_refused()
    {
        // The state is driven with b = −0.004 K/kW: what a meter wired to the wrong column (or a sign-flipped heat
        // meter) produces. The fit recovers it faithfully, and the sign check refuses it.
        var model = StateSpaceIdentifier.Fit(FirstOrderPlant.Generate(1500, seed: 5, b: -0.004), ThreeBlocks);
        Assert.InRange(model.B["heat"], -0.0044, -0.0036);

        var violation = Assert.Single(SignCheck.Violations(model, HeatRaises));
        Assert.Equal("heat", violation.Input);
        Assert.Equal(model.B["heat"], violation.Value);
        Assert.Equal(ExpectedSign.Positive, violation.Expected);
    }

    [Fact]
    public void A_non_positive_A_and_a_warming_cooler_are_violations_and_unchecked_inputs_are_not()
    {
        var model = new IdentifiedModel(-0.2, new Dictionary<string, double> { ["cooling"] = 0.003, ["power"] = -1.0 }, new Dictionary<string, double>(),
            0.0, 60, 100, 20, 3, 0, 0, 0, 0, []);
        var violations = SignCheck.Violations(model, new Dictionary<string, ExpectedSign> { ["cooling"] = ExpectedSign.Negative });
        Assert.Equal(
            [new SignViolation(null, -0.2, ExpectedSign.Positive), new SignViolation("cooling", 0.003, ExpectedSign.Negative)],
            violations);
        var unknown = Assert.Throws<ArgumentException>(() => SignCheck.Violations(model, new Dictionary<string, ExpectedSign> { ["gas"] = ExpectedSign.Positive }));
        Assert.Contains("\"gas\"", unknown.Message);
    }

    [Theory]
    [InlineData("heat", ExpectedSign.Positive)]
    [InlineData("district-Heating", ExpectedSign.Positive)]
    [InlineData("cooling", ExpectedSign.Negative)]
    [InlineData("electricity", null)]
    public void Default_expectations_follow_the_energy_types_name(string name, ExpectedSign? expected) =>
        Assert.Equal(expected, SignCheck.DefaultFor(name));

    [Fact]
    public void Heat_set_from_the_weather_is_found_closed_loop_with_its_r()
    {
        // heat = 500 − 60·(outdoor − 5) ± 20 kW: r(heat, outdoor) is close to −1.
        var data = FirstOrderPlant.Generate(1000, seed: 9, gainKwPerK: 60.0, ditherKw: 20.0);
        var pair = Assert.Single(ClosedLoopCheck.Find(data, 600));
        Assert.Equal("heat", pair.Input);
        Assert.Equal("outdoor", pair.Other);
        Assert.InRange(pair.R, -1.0, -0.9);
        Assert.Equal(Pearson(data.Inputs["heat"], data.Disturbances["outdoor"], 600), pair.R, 12);
    }

    [Fact]
    public void Heat_set_from_the_state_is_found_closed_loop_against_the_lagged_state()
    {
        // A thermostat: heat[k] = 500 − 20·(x[k] − 55), so heat and x[k] move together (r = −1 but for rounding).
        var random = new Random(2);
        var states = new double[301];
        var heat = new double[300];
        var outdoor = new double[300];
        states[0] = 50;
        for (var k = 0; k < 300; k++)
        {
            outdoor[k] = 5 + 5 * random.NextDouble();
            heat[k] = 500 - 20 * (states[k] - 55);
            states[k + 1] = 0.9 * states[k] + 0.01 * heat[k] + 0.1 * outdoor[k] + 0.3 * (random.NextDouble() - 0.5);
        }

        var data = new IdentificationData(states, new Dictionary<string, IReadOnlyList<double>> { ["heat"] = heat },
            new Dictionary<string, IReadOnlyList<double>> { ["outdoor"] = outdoor }, 60);
        var pair = Assert.Single(ClosedLoopCheck.Find(data, 200));
        Assert.Null(pair.Other);
        Assert.Equal(-1.0, pair.R, 9);
    }

    [Fact]
    public void Open_loop_data_and_a_constant_level_term_raise_no_warning()
    {
        Assert.Empty(ClosedLoopCheck.Find(FirstOrderPlant.Generate(1000, seed: 4), 600));
        var data = FirstOrderPlant.Generate(100, seed: 4);
        var level = data with { Disturbances = new Dictionary<string, IReadOnlyList<double>> { ["ground"] = Enumerable.Repeat(10.0, 100).ToArray() } };
        Assert.Empty(ClosedLoopCheck.Find(level, 60));
    }

    /// <summary>Pearson's r by the textbook formula n·Σab − Σa·Σb over √((n·Σa² − (Σa)²)(n·Σb² − (Σb)²)).</summary>
    private static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b, int n)
    {
        double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            sa += a[i];
            sb += b[i];
            sab += a[i] * b[i];
            saa += a[i] * a[i];
            sbb += b[i] * b[i];
        }

        return (n * sab - sa * sb) / Math.Sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
    }
}
