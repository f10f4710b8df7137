using Sems.Engine.Identification;

namespace Sems.Twin.Tests.Identification;

public sealed class RidgeRegressionTests
{
    private static readonly RidgeOptions Raw = new() { Standardise = false };

    [Fact]
    public void Raw_two_by_two_matches_the_hand_solution()
    {
        // X = [[2, 1], [1, 3]], y = [1, 2], λ = 1: XᵀX + I = [[6, 5], [5, 11]] (det 41), Xᵀy = [4, 7],
        // w = (1/41)·[[11, −5], [−5, 6]]·[4, 7] = [9/41, 22/41].
        var fit = RidgeRegression.Fit(new double[,] { { 2, 1 }, { 1, 3 } }, [1.0, 2.0], 1.0, Raw);
        Assert.Equal(9.0 / 41.0, fit.Coefficients[0], 14);
        Assert.Equal(22.0 / 41.0, fit.Coefficients[1], 14);
        Assert.Equal(0.0, fit.Intercept);
        Assert.Equal(1.0, fit.Lambda);
    }

    [Fact]
    public void Standardised_orthogonal_columns_match_the_hand_solution()
    {
        // X = [[1, 1], [1, −1], [−1, 1], [−1, −1]] has zero-mean columns of standard deviation 1, so standardisation
        // changes nothing: XᵀX = 4I and w = Xᵀy/(4 + λ). y = [3, 1, −1, −3]: Xᵀy = [8, 4]; λ = 4 gives [1, 0.5].
        var x = new double[,] { { 1, 1 }, { 1, -1 }, { -1, 1 }, { -1, -1 } };
        double[] y = [3, 1, -1, -3];
        var fit = RidgeRegression.Fit(x, y, 4.0);
        Assert.Equal(1.0, fit.Coefficients[0], 14);
        Assert.Equal(0.5, fit.Coefficients[1], 14);
        var ols = RidgeRegression.Fit(x, y, 0.0);
        Assert.Equal(2.0, ols.Coefficients[0], 14);
        Assert.Equal(1.0, ols.Coefficients[1], 14);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lambda_to_zero_equals_ordinary_least_squares(bool standardise)
    {
        var (x, y) = NoisyData(60, seed: 7);
        var (w1, w2) = OlsByCramer(x, y);
        var options = new RidgeOptions { Standardise = standardise };
        Assert.Equal(w1, RidgeRegression.Fit(x, y, 0.0, options).Coefficients[0], 12);
        Assert.Equal(w2, RidgeRegression.Fit(x, y, 0.0, options).Coefficients[1], 12);
        var tiny = RidgeRegression.Fit(x, y, 1e-10, options);
        Assert.Equal(w1, tiny.Coefficients[0], 9);
        Assert.Equal(w2, tiny.Coefficients[1], 9);
    }

    [Fact]
    public void Exact_linear_data_with_intercept_are_recovered()
    {
        // y = 2 + 3·x1 − x2 exactly; the intercept is not penalised.
        var x = new double[20, 2];
        var y = new double[20];
        for (var i = 0; i < 20; i++)
        {
            x[i, 0] = i;
            x[i, 1] = (i * 7) % 5 + 0.5 * i * i;
            y[i] = 2 + 3 * x[i, 0] - x[i, 1];
        }

        var fit = RidgeRegression.Fit(x, y, 1e-12, new RidgeOptions { FitIntercept = true });
        Assert.Equal(2.0, fit.Intercept, 8);
        Assert.Equal(3.0, fit.Coefficients[0], 9);
        Assert.Equal(-1.0, fit.Coefficients[1], 10);
        Assert.Equal(2 + 3 * 4.5 - 7.0, fit.Predict([4.5, 7.0]), 8);
    }

    [Fact]
    public void Lambda_to_infinity_shrinks_penalised_coefficients_to_zero()
    {
        var (x, y) = NoisyData(60, seed: 11);
        var previous = double.PositiveInfinity;
        foreach (var lambda in new[] { 1e-3, 1e0, 1e3, 1e6, 1e9, 1e12, 1e15 })
        {
            var norm = Norm(RidgeRegression.Fit(x, y, lambda).Coefficients);
            Assert.True(norm < previous, $"‖w‖ did not decrease at λ = {lambda}");
            previous = norm;
        }

        Assert.True(previous < 1e-9, $"‖w‖ = {previous} at λ = 1e15");

        // With an intercept, the fit tends to the mean of y (the intercept is not penalised).
        var withIntercept = RidgeRegression.Fit(x, y, 1e15, new RidgeOptions { FitIntercept = true });
        Assert.True(Norm(withIntercept.Coefficients) < 1e-9);
        Assert.Equal(y.Average(), withIntercept.Intercept, 9);
    }

    [Fact]
    public void Unpenalised_column_keeps_its_least_squares_value_as_lambda_grows()
    {
        // Column 0 is constant (a level term); as λ → ∞ column 1 → 0 and column 0 → the least-squares fit on it alone.
        var (x, y) = NoisyData(60, seed: 3);
        var withLevel = new double[60, 2];
        for (var i = 0; i < 60; i++)
        {
            withLevel[i, 0] = 10.0;
            withLevel[i, 1] = x[i, 1];
        }

        var fit = RidgeRegression.Fit(withLevel, y, 1e12, new RidgeOptions { UnpenalisedColumns = [0] });
        Assert.Equal(y.Average() / 10.0, fit.Coefficients[0], 9);
        Assert.Equal(0.0, fit.Coefficients[1], 9);
    }

    [Fact]
    public void Collinear_unpenalised_columns_are_rejected_and_a_penalty_resolves_them()
    {
        var x = new double[,] { { 1, 2 }, { 2, 4 }, { 3, 6 } };
        double[] y = [1, 2, 3];
        var e = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(x, y, 0.0));
        Assert.Equal("features", e.ParamName);
        Assert.Contains("3 × 2", e.Message);
        Assert.Contains("singular", e.Message);

        // λ > 0 resolves it (raw columns, by hand): XᵀX = [[14, 28], [28, 56]] has eigenvalue 70 along (1, 2)/√5 and
        // 0 across it, Xᵀy = [14, 28] lies along it, so w = (1, 2)·14/(70 + λ) and ŷ(3, 6) = 210/(70 + λ).
        const double lambda = 1e-3;
        var fit = RidgeRegression.Fit(x, y, lambda, Raw);
        Assert.Equal(14.0 / (70.0 + lambda), fit.Coefficients[0], 10);
        Assert.Equal(28.0 / (70.0 + lambda), fit.Coefficients[1], 10);
        Assert.Equal(210.0 / (70.0 + lambda), fit.Predict([3.0, 6.0]), 10);
    }

    [Fact]
    public void Column_without_variation_gets_zero()
    {
        // With an intercept a constant column adds nothing: coefficient 0, no singular system even at λ = 0.
        var x = new double[,] { { 1, 5 }, { 2, 5 }, { 3, 5 } };
        var fit = RidgeRegression.Fit(x, [2.0, 4.0, 6.0], 0.0, new RidgeOptions { FitIntercept = true });
        Assert.Equal(2.0, fit.Coefficients[0], 12);
        Assert.Equal(0.0, fit.Coefficients[1]);
        Assert.Equal(0.0, fit.Intercept, 12);
    }

    /// <summary>y = 1.5·x1 − 0.7·x2 + noise, no intercept, with correlated regressors.</summary>
    internal static (double[,] X, double[] Y) NoisyData(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows, 2];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i, 0] = 5.0 + random.NextDouble() * 10.0;
            x[i, 1] = 0.6 * x[i, 0] + random.NextDouble() * 4.0;
            y[i] = 1.5 * x[i, 0] - 0.7 * x[i, 1] + (random.NextDouble() - 0.5);
        }

        return (x, y);
    }

    /// <summary>Least squares without intercept for two columns by Cramer's rule on XᵀX·w = Xᵀy.</summary>
    private static (double W1, double W2) OlsByCramer(double[,] x, double[] y)
    {
        double s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0;
        for (var i = 0; i < y.Length; i++)
        {
            s11 += x[i, 0] * x[i, 0];
            s12 += x[i, 0] * x[i, 1];
            s22 += x[i, 1] * x[i, 1];
            r1 += x[i, 0] * y[i];
            r2 += x[i, 1] * y[i];
        }

        var det = s11 * s22 - s12 * s12;
        return ((r1 * s22 - s12 * r2) / det, (s11 * r2 - s12 * r1) / det);
    }

    private static double Norm(IReadOnlyList<double> w) => Math.Sqrt(w.Sum(v => v * v));
}
