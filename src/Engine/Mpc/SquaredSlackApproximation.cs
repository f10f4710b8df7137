namespace Sems.Engine.Mpc;

/// <summary>
/// The convex piecewise-linear over-approximation of ε² used for the comfort term (eq. 22): the chord interpolant of ε²
/// through breakpoints b_0 = 0 &lt; b_1 &lt; … . ε is split into segments δ_k ∈ [0, b_{k+1} − b_k] (the last one
/// unbounded) with slopes (b_{k+1}² − b_k²)/(b_{k+1} − b_k) = b_k + b_{k+1}; because slopes increase, a minimisation
/// fills them in order, so the model value is the chord interpolant.
/// Breakpoints: K uniform ones on [0, R], b_k = k·h with h = R/K (slopes (2k+1)·h); then, up to the extent E, a
/// geometric tail b = R·ρ, R·ρ², … (at most <see cref="MaxTailSegments"/> of them) reaching the first breakpoint ≥ E.
/// Error: on a chord [a, b] the interpolant is ≥ ε² and exceeds it by at most (b − a)²/4, at the midpoint. So on
/// [0, R] the over-estimate is at most h²/4 = R²/(4K²); on the tail [R, <see cref="CoveredRange"/>] it is at most
/// (ρ − 1)²·ε²/4 (1.5625 % of ε² for ρ = 1.25). Beyond <see cref="CoveredRange"/> the last chord continues linearly and
/// under-estimates ε²; solves report when that happens.
/// </summary>
public sealed class SquaredSlackApproximation
{
    /// <summary>The longest tail: with ρ = 1.25, 32 segments reach R·1.25^32 ≈ 1,260·R.</summary>
    public const int MaxTailSegments = 32;

    private readonly double[] _breakpoints;

    public SquaredSlackApproximation(int segments, double range, double extent = 0, double tailRatio = 1.25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        if (!(range > 0) || !double.IsFinite(range)) throw new ArgumentOutOfRangeException(nameof(range), range, "R must be a positive finite number");
        if (!(tailRatio > 1) || !double.IsFinite(tailRatio)) throw new ArgumentOutOfRangeException(nameof(tailRatio), tailRatio, "ρ must be a finite number > 1");
        Segments = segments;
        Range = range;
        TailRatio = tailRatio;
        var points = Enumerable.Range(0, segments + 1).Select(k => range * k / segments).ToList();
        while (points[^1] < extent && points.Count - 1 - segments < MaxTailSegments) points.Add(points[^1] * tailRatio);
        _breakpoints = points.ToArray();
    }

    /// <summary>K, the uniform segments on [0, R].</summary>
    public int Segments { get; }

    /// <summary>R, the range of the uniform segments.</summary>
    public double Range { get; }

    /// <summary>ρ, the ratio of successive tail breakpoints.</summary>
    public double TailRatio { get; }

    /// <summary>All segments, uniform and tail; the last one is unbounded.</summary>
    public int SegmentCount => _breakpoints.Length - 1;

    /// <summary>The last breakpoint: the model over-estimates ε² on [0, CoveredRange] and under-estimates beyond.</summary>
    public double CoveredRange => _breakpoints[^1];

    public double SegmentWidth => Range / Segments;

    /// <summary>Worst-case over-estimate of ε² for ε in [0, R]: R²/(4K²).</summary>
    public double MaxError => SegmentWidth * SegmentWidth / 4.0;

    /// <summary>Width of segment k (0-based); the last one is unbounded in the model.</summary>
    public double Width(int k) => _breakpoints[k + 1] - _breakpoints[k];

    /// <summary>Slope of segment k (0-based): b_k + b_{k+1}.</summary>
    public double Slope(int k) => _breakpoints[k] + _breakpoints[k + 1];

    /// <summary>The largest over-estimate possible at slack ε: h²/4 on [0, R], (ρ−1)²ε²/4 up to <see cref="CoveredRange"/>, ∞ beyond (an under-estimate).</summary>
    public double ErrorBound(double epsilon) =>
        epsilon <= Range ? MaxError : epsilon <= CoveredRange ? (TailRatio - 1) * (TailRatio - 1) * epsilon * epsilon / 4 : double.PositiveInfinity;

    /// <summary>The model's value for slack ε ≥ 0: the chord interpolant (extended linearly beyond the last breakpoint).</summary>
    public double Evaluate(double epsilon)
    {
        if (epsilon <= 0) return 0;
        var k = 0;
        while (k < SegmentCount - 1 && epsilon > _breakpoints[k + 1]) k++;
        var bk = _breakpoints[k];
        return bk * bk + Slope(k) * (epsilon - bk);
    }
}
