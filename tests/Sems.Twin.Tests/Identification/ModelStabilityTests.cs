using Sems.Engine.Identification;

namespace Sems.Twin.Tests.Identification;

/// <summary>A fitted first-order model with |A| ≥ 1 (a state that grows) is flagged unstable; a decaying one is not.</summary>
public sealed class ModelStabilityTests
{
    /// <summary>x[i+1] = a·x[i] + 0.05·heat[i] + 2·ground, heat seeded uniform on 0–100, ground = 1, 300 steps.</summary>
    private static IdentificationData Data(double a)
    {
        const int steps = 300;
        var random = new Random(11);
        var heat = Enumerable.Range(0, steps).Select(_ => 100 * random.NextDouble()).ToArray();
        var states = new double[steps + 1];
        states[0] = 20;
        for (var i = 0; i < steps; i++) states[i + 1] = a * states[i] + 0.05 * heat[i] + 2.0;
        return new IdentificationData(
            states,
            new Dictionary<string, IReadOnlyList<double>> { ["heat"] = heat },
            new Dictionary<string, IReadOnlyList<double>> { ["ground"] = Enumerable.Repeat(1.0, steps).ToArray() },
            60);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(1.05)]
    public void A_growing_state_gives_an_unstable_model(double a)
    {
        var model = StateSpaceIdentifier.Fit(Data(a));
        Assert.Equal(a, model.A, 6);
        Assert.False(model.IsStable);
    }

    [Fact]
    public void A_decaying_state_gives_a_stable_model()
    {
        var model = StateSpaceIdentifier.Fit(Data(0.9));
        Assert.Equal(0.9, model.A, 6);
        Assert.True(model.IsStable);
    }
}
