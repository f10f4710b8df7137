namespace Sems.Engine.Identification;

/// <summary>
/// Dense linear systems M·x = b for the small normal equations of <see cref="RidgeRegression"/> (tens of unknowns at
/// most): Gaussian elimination with partial (row) pivoting, then back substitution.
/// </summary>
internal static class LinearSystem
{
    /// <summary>
    /// A pivot smaller than this fraction of the largest absolute entry of the matrix counts as zero (rank deficiency).
    /// 1e-12 is about 10⁴ machine epsilons: rounding in elimination stays far below it for well-posed systems.
    /// </summary>
    internal const double RelativePivotTolerance = 1e-12;

    /// <summary>
    /// Solves M·x = b. Returns null with the elimination column at which no usable pivot was left when M is singular
    /// (to within <see cref="RelativePivotTolerance"/>). Neither argument is modified.
    /// </summary>
    internal static double[]? TrySolve(double[,] matrix, double[] rhs, out int singularColumn)
    {
        var n = rhs.Length;
        if (matrix.GetLength(0) != n || matrix.GetLength(1) != n)
        {
            throw new ArgumentException(
                $"The matrix is {matrix.GetLength(0)} × {matrix.GetLength(1)} but the right-hand side has {n} entries; a {n} × {n} matrix is needed.",
                nameof(matrix));
        }

        var m = (double[,])matrix.Clone();
        var b = (double[])rhs.Clone();
        var largest = 0.0;
        foreach (var value in m)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }

        var tolerance = RelativePivotTolerance * largest;
        for (var col = 0; col < n; col++)
        {
            var pivotRow = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivotRow, col]))
                {
                    pivotRow = row;
                }
            }

            if (!(Math.Abs(m[pivotRow, col]) > tolerance))
            {
                singularColumn = col;
                return null;
            }

            if (pivotRow != col)
            {
                for (var k = col; k < n; k++)
                {
                    (m[col, k], m[pivotRow, k]) = (m[pivotRow, k], m[col, k]);
                }

                (b[col], b[pivotRow]) = (b[pivotRow], b[col]);
            }

            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                if (factor == 0.0)
                {
                    continue;
                }

                m[row, col] = 0.0;
                for (var k = col + 1; k < n; k++)
                {
                    m[row, k] -= factor * m[col, k];
                }

                b[row] -= factor * b[col];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= m[row, k] * x[k];
            }

            x[row] = sum / m[row, row];
        }

        singularColumn = -1;
        return x;
    }
}
