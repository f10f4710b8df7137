using Sems.Engine.Identification;

namespace Sems.Twin.Tests.Identification;

public sealed class IdentificationInputTests
{
    private const int Steps = 100;

    [Fact]
    public void Well_formed_synthetic_data_are_accepted()
    {
        var model = StateSpaceIdentifier.Fit(Data());
        Assert.Equal(0.9, model.A, 6);
        Assert.Equal(0.05, model.B["heat"], 6);
        Assert.Equal(2.0, model.E["ground"], 5);
    }

    [Fact]
    public void Mismatched_input_length_names_the_field_and_both_sizes()
    {
        var good = Data();
        var bad = good with { Inputs = new Dictionary<string, IReadOnlyList<double>> { ["heat"] = good.Inputs["heat"].Take(Steps - 3).ToArray() } };
        var e = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(bad));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("data.Inputs[\"heat\"] has 97 values", e.Message);
        Assert.Contains("data.States has 101", e.Message);
    }

    [Fact]
    public void Mismatched_disturbance_length_names_the_field()
    {
        var good = Data();
        var bad = good with { Disturbances = new Dictionary<string, IReadOnlyList<double>> { ["ground"] = new double[Steps + 1] } };
        var e = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(bad));
        Assert.Contains("data.Disturbances[\"ground\"] has 101 values", e.Message);
    }

    [Fact]
    public void Too_few_samples_names_the_count_and_the_need()
    {
        var e = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(Data(steps: 12)));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("data.States has 13 values (12 steps)", e.Message);
        Assert.Contains("10 training and 2 held-out", e.Message);
        Assert.Contains("p = 3", e.Message);

        var single = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(Data() with { States = [65.0] }));
        Assert.Contains("data.States has 1 values", single.Message);
    }

    [Fact]
    public void NaN_names_the_series_the_index_and_the_value()
    {
        var good = Data();
        var states = good.States.ToArray();
        states[42] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(good with { States = states }));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("data.States[42] = NaN", e.Message);

        var heat = good.Inputs["heat"].ToArray();
        heat[7] = double.PositiveInfinity;
        var inf = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(good with { Inputs = new Dictionary<string, IReadOnlyList<double>> { ["heat"] = heat } }));
        Assert.Contains("data.Inputs[\"heat\"][7] = Infinity", inf.Message);
    }

    [Fact]
    public void Unidentifiable_columns_are_rejected()
    {
        var good = Data();
        var constantInput = good with { Inputs = new Dictionary<string, IReadOnlyList<double>> { ["heat"] = Enumerable.Repeat(100.0, Steps).ToArray() } };
        var e = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(constantInput));
        Assert.Contains("data.Inputs[\"heat\"] is constant (100)", e.Message);

        var twoLevels = good with
        {
            Disturbances = new Dictionary<string, IReadOnlyList<double>> { ["ground"] = good.Disturbances["ground"], ["one"] = Enumerable.Repeat(1.0, Steps).ToArray() },
        };
        var levels = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(twoLevels));
        Assert.Contains("data.Disturbances[\"one\"] and data.Disturbances[\"ground\"] are both constant", levels.Message);

        var noInput = good with { Inputs = new Dictionary<string, IReadOnlyList<double>>() };
        Assert.Contains("data.Inputs is empty", Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(noInput)).Message);
    }

    [Fact]
    public void Bad_options_are_named()
    {
        var fraction = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(Data(), new IdentificationOptions { ValidationFraction = 1.5 }));
        Assert.Equal("options", fraction.ParamName);
        Assert.Contains("options.ValidationFraction = 1.5", fraction.Message);
        var lambda = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(Data(), new IdentificationOptions { Lambdas = [1e-3, -2.0] }));
        Assert.Contains("options.Lambdas[1] = -2", lambda.Message);
        var step = Assert.Throws<ArgumentException>(() => StateSpaceIdentifier.Fit(Data() with { StepMinutes = 0 }));
        Assert.Contains("data.StepMinutes = 0", step.Message);
    }

    [Fact]
    public void Ridge_rejects_bad_arguments_naming_sizes_and_values()
    {
        var x = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 7 } };
        var rows = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, [1.0, 2.0], 0.1));
        Assert.Equal("targets", rows.ParamName);
        Assert.Contains("targets has 2 values but features has 3 rows (3 × 2)", rows.Message);

        var lambda = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, [1.0, 2.0, 3.0], -1.0));
        Assert.Equal("lambda", lambda.ParamName);
        Assert.Contains("lambda = -1", lambda.Message);

        x[1, 0] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, [1.0, 2.0, 3.0], 0.1));
        Assert.Equal("features", nan.ParamName);
        Assert.Contains("features[1, 0] = NaN", nan.Message);

        var target = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(new double[,] { { 1 }, { 2 } }, [1.0, double.NaN], 0.1));
        Assert.Contains("targets[1] = NaN", target.Message);

        var empty = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(new double[0, 2], [], 0.1));
        Assert.Contains("features is 0 × 2", empty.Message);

        var column = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(new double[,] { { 1 }, { 2 } }, [1.0, 2.0], 0.1, new RidgeOptions { UnpenalisedColumns = [3] }));
        Assert.Equal("options", column.ParamName);
        Assert.Contains("column 3 but features has 1 columns", column.Message);
    }

    /// <summary>x⁺ = 0.9·x + 0.05·heat + 2·ground (ground ≡ 10 °C: equilibrium 20 + 0.5·heat), heat a seeded random walk.</summary>
    private static IdentificationData Data(int steps = Steps)
    {
        var random = new Random(5);
        var heat = new double[steps];
        var states = new double[steps + 1];
        states[0] = 60.0;
        for (var i = 0; i < steps; i++)
        {
            heat[i] = 60.0 + 40.0 * random.NextDouble();
            states[i + 1] = 0.9 * states[i] + 0.05 * heat[i] + 2.0 * 10.0;
        }

        return new IdentificationData(
            states,
            new Dictionary<string, IReadOnlyList<double>> { ["heat"] = heat },
            new Dictionary<string, IReadOnlyList<double>> { ["ground"] = Enumerable.Repeat(10.0, steps).ToArray() },
            15);
    }
}
