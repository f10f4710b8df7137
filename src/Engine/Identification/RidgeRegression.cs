using System.Globalization;

namespace Sems.Engine.Identification;

/// <summary>
/// Closed-form ridge regression (Hoerl and Kennard, Technometrics 12 (1970) 55–67): the coefficients w minimise
/// Σᵢ (yᵢ − b₀ − Σⱼ wⱼ·xᵢⱼ)² + λ·Σⱼ∈pen (sⱼ·wⱼ)², i.e. β = (ZᵀZ + λ·P)⁻¹·Zᵀ(y − c_y) on the transformed columns
/// zᵢⱼ = (xᵢⱼ − cⱼ)/sⱼ, then wⱼ = βⱼ/sⱼ.
/// <list type="bullet">
/// <item>cⱼ, c_y: the column and target means with <see cref="RidgeOptions.FitIntercept"/>, otherwise 0 (the data
/// are then not centred, so a model without an intercept stays without one). The intercept b₀ = c_y − Σⱼ wⱼ·cⱼ is
/// never penalised.</item>
/// <item>sⱼ: with <see cref="RidgeOptions.Standardise"/>, the standard deviation of column j (about its mean, whether
/// or not the data are centred), or its magnitude |xⱼ| for a constant column without an intercept; otherwise 1. The
/// penalty thus measures each coefficient by the variation its regressor brings, not by the regressor's level: a
/// temperature column near 66 °C that varies by ±4 K is scaled by ≈ 4 K, not 66 K, so a small λ does not drag its
/// coefficient towards 0 against an unpenalised level term. With an intercept the diagonal of ZᵀZ equals the number
/// of rows, so λ = 0.01·rows shrinks a lone regressor's coefficient by about 1 %.</item>
/// <item>P: the identity with zeros at <see cref="RidgeOptions.UnpenalisedColumns"/>.</item>
/// <item>A column that is identically zero about its centre (all zeros; or constant, with an intercept) carries no
/// information beyond the intercept: it gets the coefficient 0 and is left out of the system.</item>
/// </list>
/// The normal equations are solved by Gaussian elimination with partial pivoting; they are small and dense
/// (one unknown per regressor).
/// </summary>
public static class RidgeRegression
{
    /// <summary>Fits y ≈ b₀ + X·w with penalty <paramref name="lambda"/>.</summary>
    /// <param name="features">The design matrix X, rows × columns (one row per sample), every entry finite.</param>
    /// <param name="targets">y, one finite value per row of <paramref name="features"/>.</param>
    /// <param name="lambda">λ ≥ 0, finite. 0 gives ordinary least squares.</param>
    /// <param name="options">Column treatment; <see cref="RidgeOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// On mismatched sizes, an empty matrix, non-finite entries or λ, an out-of-range unpenalised column, or normal
    /// equations that are singular (linearly dependent unpenalised columns); the message names the argument, its size
    /// and the offending value.
    /// </exception>
    public static RidgeFit Fit(double[,] features, IReadOnlyList<double> targets, double lambda, RidgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        options ??= RidgeOptions.Default;
        ArgumentNullException.ThrowIfNull(options.UnpenalisedColumns, nameof(options.UnpenalisedColumns));
        var rows = features.GetLength(0);
        var cols = features.GetLength(1);
        Validate(features, targets, lambda, options, rows, cols);

        var centres = new double[cols];
        var targetCentre = 0.0;
        if (options.FitIntercept)
        {
            for (var i = 0; i < rows; i++)
            {
                targetCentre += targets[i];
                for (var j = 0; j < cols; j++)
                {
                    centres[j] += features[i, j];
                }
            }

            targetCentre /= rows;
            for (var j = 0; j < cols; j++)
            {
                centres[j] /= rows;
            }
        }

        // Columns that are identically zero about their centre get w = 0 and no unknown.
        var active = new List<int>(cols);
        var scales = new double[cols];
        for (var j = 0; j < cols; j++)
        {
            var sumSquares = 0.0;
            var mean = 0.0;
            for (var i = 0; i < rows; i++)
            {
                var d = features[i, j] - centres[j];
                sumSquares += d * d;
                mean += features[i, j];
            }

            if (!(sumSquares > 0.0))
            {
                continue;
            }

            active.Add(j);
            mean /= rows;
            var variance = 0.0;
            for (var i = 0; i < rows; i++)
            {
                var d = features[i, j] - mean;
                variance += d * d;
            }

            variance /= rows;
            scales[j] = !options.Standardise ? 1.0 : variance > 0.0 ? Math.Sqrt(variance) : Math.Abs(mean);
        }

        var unpenalised = options.UnpenalisedColumns.ToHashSet();
        var p = active.Count;
        var normal = new double[p, p];
        var rhs = new double[p];
        var z = new double[p];
        for (var i = 0; i < rows; i++)
        {
            for (var a = 0; a < p; a++)
            {
                var j = active[a];
                z[a] = (features[i, j] - centres[j]) / scales[j];
            }

            var y = targets[i] - targetCentre;
            for (var a = 0; a < p; a++)
            {
                rhs[a] += z[a] * y;
                for (var b = a; b < p; b++)
                {
                    normal[a, b] += z[a] * z[b];
                }
            }
        }

        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < a; b++)
            {
                normal[a, b] = normal[b, a];
            }

            if (!unpenalised.Contains(active[a]))
            {
                normal[a, a] += lambda;
            }
        }

        var coefficients = new double[cols];
        if (p > 0)
        {
            var beta = LinearSystem.TrySolve(normal, rhs, out var singular);
            if (beta is null)
            {
                throw new ArgumentException(
                    $"The normal equations of features ({rows} × {cols}) are singular at elimination step {singular} of {p} with lambda = " +
                    $"{Format(lambda)}: some {(options.Standardise ? "standardised " : "")}columns are linearly dependent and unpenalised. " +
                    "Use lambda > 0, penalise those columns or drop one of them.",
                    nameof(features));
            }

            for (var a = 0; a < p; a++)
            {
                coefficients[active[a]] = beta[a] / scales[active[a]];
            }
        }

        var intercept = 0.0;
        if (options.FitIntercept)
        {
            intercept = targetCentre;
            for (var j = 0; j < cols; j++)
            {
                intercept -= coefficients[j] * centres[j];
            }
        }

        return new RidgeFit(coefficients, intercept, lambda);
    }

    private static void Validate(double[,] features, IReadOnlyList<double> targets, double lambda, RidgeOptions options, int rows, int cols)
    {
        if (rows == 0 || cols == 0)
        {
            throw new ArgumentException($"features is {rows} × {cols}: at least one row and one column are needed.", nameof(features));
        }

        if (targets.Count != rows)
        {
            throw new ArgumentException(
                $"targets has {targets.Count} values but features has {rows} rows ({rows} × {cols}); they must match.", nameof(targets));
        }

        if (!double.IsFinite(lambda) || lambda < 0.0)
        {
            throw new ArgumentException($"lambda = {Format(lambda)} is not a finite number ≥ 0.", nameof(lambda));
        }

        for (var i = 0; i < rows; i++)
        {
            if (!double.IsFinite(targets[i]))
            {
                throw new ArgumentException($"targets[{i}] = {Format(targets[i])} is not finite.", nameof(targets));
            }

            for (var j = 0; j < cols; j++)
            {
                if (!double.IsFinite(features[i, j]))
                {
                    throw new ArgumentException($"features[{i}, {j}] = {Format(features[i, j])} is not finite (features is {rows} × {cols}).", nameof(features));
                }
            }
        }

        foreach (var j in options.UnpenalisedColumns)
        {
            if (j < 0 || j >= cols)
            {
                throw new ArgumentException(
                    $"UnpenalisedColumns names column {j} but features has {cols} columns (0…{cols - 1}).", nameof(options));
            }
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
