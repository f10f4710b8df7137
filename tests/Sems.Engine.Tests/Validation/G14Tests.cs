using Sems.Engine.Validation;

namespace Sems.Engine.Tests.Validation;

public sealed class G14Tests
{
    private static readonly double[] Measured = [10, 12, 8, 10];
    private static readonly double[] Modelled = [9, 12, 9, 11];

    [Fact]
    public void Matches_hand_calculation_with_n_degrees_of_freedom()
    {
        // Σ(y − ŷ) = 1 + 0 − 1 − 1 = −1; ȳ = 10; Σ(y − ŷ)² = 3.
        Assert.Equal(-2.5, G14.Nmbe(Measured, Modelled, 0), 12);                    // −1 / (4 × 10) × 100
        Assert.Equal(Math.Sqrt(0.75) * 10.0, G14.CvRmse(Measured, Modelled, 0), 12); // √(3/4) / 10 × 100
    }

    [Fact]
    public void Uses_n_minus_p_degrees_of_freedom()
    {
        Assert.Equal(-100.0 / 30.0, G14.Nmbe(Measured, Modelled, 1), 12); // −1 / (3 × 10) × 100
        Assert.Equal(10.0, G14.CvRmse(Measured, Modelled, 1), 12);        // √(3/3) / 10 × 100
        Assert.Equal(-10.0, G14.Nmbe(Measured, Modelled, 3), 12);         // −1 / (1 × 10) × 100
    }

    [Fact]
    public void Perfect_model_scores_zero()
    {
        Assert.Equal(0.0, G14.Nmbe(Measured, Measured, 3));
        Assert.Equal(0.0, G14.CvRmse(Measured, Measured, 3));
    }

    [Fact]
    public void Thresholds()
    {
        Assert.True(G14.MeetsHourly(-9.9, 29.9));
        Assert.False(G14.MeetsHourly(10.1, 20.0));
        Assert.False(G14.MeetsHourly(0.0, 30.1));
        Assert.True(G14.MeetsMonthly(4.9, 14.9));
        Assert.False(G14.MeetsMonthly(-5.1, 10.0));
        Assert.False(G14.MeetsMonthly(0.0, 15.1));
    }

    [Fact]
    public void Rejects_mismatched_or_too_short_series()
    {
        Assert.Throws<ArgumentException>(() => G14.Nmbe([1.0, 2.0], [1.0], 0));
        Assert.Throws<ArgumentException>(() => G14.CvRmse([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], 3));
        Assert.Throws<ArgumentException>(() => G14.CvRmse([0.0, 0.0], [1.0, 1.0], 0));
    }
}
