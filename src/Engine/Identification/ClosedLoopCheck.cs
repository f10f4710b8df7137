namespace Sems.Engine.Identification;

/// <summary>
/// Detects closed-loop data: an input that a controller set from the disturbance or from the state, so that it
/// moves with them. Regression x[i+1] on x[i], u[i], d[i] then cannot tell the input's effect from theirs (the
/// columns are nearly collinear): a change of heat that always comes with a change of load can be credited to
/// either, and the fitted B may have any size or sign. Only data in which the input varies independently (an
/// open-loop test, a dither added to the controller's output) identify B.
/// </summary>
public static class ClosedLoopCheck
{
    /// <summary>
    /// |r| above which an input counts as closed-loop, 0.7: then r² &gt; 0.49, about half of the input's variance is
    /// explained by the other series, and the variance of its fitted coefficient is inflated more than 1/(1 − r²) ≈ 2
    /// times compared with independent data.
    /// </summary>
    public const double DefaultLimit = 0.7;

    /// <summary>
    /// Every pair (input, disturbance) and (input, state x[i]) whose Pearson correlation over the first
    /// <paramref name="rows"/> steps (the training part) exceeds <paramref name="limit"/> in magnitude, inputs in the
    /// data's order, each with the state first and then the disturbances. A series constant over those steps (a
    /// level term) correlates with nothing and is skipped.
    /// </summary>
    /// <param name="data">The identification data (already accepted by <see cref="StateSpaceIdentifier.Fit"/>).</param>
    /// <param name="rows">Steps from the start to correlate over, 2 ≤ rows ≤ the data's steps.</param>
    /// <param name="limit">The threshold on |r|, in (0, 1); <see cref="DefaultLimit"/> by default.</param>
    /// <exception cref="ArgumentException">When rows or limit is out of range; the message names the value.</exception>
    public static IReadOnlyList<InputCorrelation> Find(IdentificationData data, int rows, double limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(data);
        var steps = data.States.Count - 1;
        if (rows < 2 || rows > steps)
        {
            throw new ArgumentException($"rows = {rows} is not in [2, {steps}] (the data's steps).", nameof(rows));
        }

        if (!(limit > 0.0 && limit < 1.0))
        {
            throw new ArgumentException($"limit = {limit} is not in (0, 1).", nameof(limit));
        }

        var found = new List<InputCorrelation>();
        foreach (var (input, u) in data.Inputs)
        {
            Add(input, null, u, data.States);
            foreach (var (name, d) in data.Disturbances)
            {
                Add(input, name, u, d);
            }
        }

        return found;

        void Add(string input, string? other, IReadOnlyList<double> u, IReadOnlyList<double> v)
        {
            if (Pearson(u, v, rows) is { } r && Math.Abs(r) > limit)
            {
                found.Add(new InputCorrelation(input, other, r));
            }
        }
    }

    /// <summary>Pearson's r of the first <paramref name="rows"/> values, or null when either is constant there.</summary>
    internal static double? Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b, int rows)
    {
        double meanA = 0.0, meanB = 0.0;
        for (var i = 0; i < rows; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= rows;
        meanB /= rows;
        double sab = 0.0, saa = 0.0, sbb = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return saa > 0.0 && sbb > 0.0 ? Math.Clamp(sab / Math.Sqrt(saa * sbb), -1.0, 1.0) : null;
    }
}
