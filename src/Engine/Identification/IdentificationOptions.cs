namespace Sems.Engine.Identification;

/// <summary>How <see cref="StateSpaceIdentifier"/> splits the data and which penalties it tries.</summary>
public sealed record IdentificationOptions
{
    /// <summary>The defaults: the last 20 % held out, λ from 10⁻⁶ to 10⁴ in half-decade steps.</summary>
    public static IdentificationOptions Default { get; } = new();

    /// <summary>
    /// Fraction of the steps, taken from the end (the data are split chronologically, never shuffled, so the
    /// held-out part tests prediction into an unseen future), that is held out to choose λ and to compute the
    /// Guideline 14 statistics. In (0, 1); default 0.2.
    /// </summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>
    /// Fraction of the steps, taken from the very end, that is held out as a test block: it comes after the
    /// validation block, plays no part in the fit or in the choice of λ, and alone gives the Guideline 14 statistics
    /// (see <see cref="IdentifiedModel"/>). In [0, 1) with <see cref="ValidationFraction"/> + TestFraction &lt; 1.
    /// Default 0: no test block, and the statistics are those of the validation block that chose λ, which flatters
    /// the model; <c>sems identify</c> uses 0.2.
    /// </summary>
    public double TestFraction { get; init; }

    /// <summary>
    /// Candidate penalties, each finite and ≥ 0, tried in this order. λ acts on regressors scaled to unit standard
    /// deviation (see <see cref="RidgeRegression"/>), so it compares with the number of training steps: λ ≪ steps is
    /// close to least squares, λ ≫ steps shrinks the penalised coefficients towards 0. Default: 21 values log-spaced
    /// (half-decades) from 10⁻⁶ (least squares in effect) to 10⁴ (strong shrinkage for a few thousand steps).
    /// </summary>
    public IReadOnlyList<double> Lambdas { get; init; } = LogSpaced(1e-6, 1e4, 21);

    /// <summary><paramref name="count"/> values from <paramref name="first"/> to <paramref name="last"/> equally spaced in log₁₀.</summary>
    /// <exception cref="ArgumentException">Unless 0 &lt; first ≤ last (both finite) and count ≥ 1 (count = 1 needs first = last).</exception>
    public static IReadOnlyList<double> LogSpaced(double first, double last, int count)
    {
        if (!(double.IsFinite(first) && double.IsFinite(last) && first > 0.0 && last >= first))
        {
            throw new ArgumentException($"Need 0 < first ≤ last, both finite; got first = {first}, last = {last}.", nameof(first));
        }

        if (count < 1 || (count == 1 && first != last))
        {
            throw new ArgumentException($"count = {count}: need at least 1 value (2 when first ≠ last).", nameof(count));
        }

        if (count == 1)
        {
            return [first];
        }

        var lo = Math.Log10(first);
        var step = (Math.Log10(last) - lo) / (count - 1);
        var values = new double[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = Math.Pow(10.0, lo + k * step);
        }

        values[0] = first;
        values[^1] = last;
        return values;
    }
}
