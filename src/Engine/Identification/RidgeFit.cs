namespace Sems.Engine.Identification;

/// <summary>
/// A fitted ridge regression ŷ = b₀ + Σⱼ wⱼ·xⱼ, with the coefficients in the units of the original (unscaled) columns.
/// </summary>
/// <param name="Coefficients">wⱼ, one per column of the design matrix, in the columns' order.</param>
/// <param name="Intercept">b₀; 0 when <see cref="RidgeOptions.FitIntercept"/> is false.</param>
/// <param name="Lambda">The penalty λ ≥ 0 the fit used.</param>
public sealed record RidgeFit(IReadOnlyList<double> Coefficients, double Intercept, double Lambda)
{
    /// <summary>ŷ for one row of regressors, in the columns' order.</summary>
    /// <exception cref="ArgumentException">When the row's length differs from the number of coefficients.</exception>
    public double Predict(IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count != Coefficients.Count)
        {
            throw new ArgumentException($"row has {row.Count} values but the fit has {Coefficients.Count} coefficients.", nameof(row));
        }

        var y = Intercept;
        for (var j = 0; j < row.Count; j++)
        {
            y += Coefficients[j] * row[j];
        }

        return y;
    }
}
