namespace Sems.Engine.Mpc;

/// <summary>
/// The convex piecewise-linear over-approximation of ε² used for the comfort term (eq. 22).
/// Breakpoints e_k = k·h, h = R/K, k = 0…K. ε is split into segments δ_k ∈ [0, h] (the last one unbounded) with
/// slopes (e_{k+1}² − e_k²)/h = (2k+1)·h; because slopes increase, a minimisation fills them in order, so the model
/// value is the chord interpolant of ε² through the breakpoints.
/// Error: on [0, R] the interpolant is ≥ ε² and exceeds it by at most h²/4 = R²/(4K²), reached at segment midpoints.
/// Beyond R the last chord continues linearly with slope (2K−1)·h and under-estimates ε².
/// </summary>
public sealed record SquaredSlackApproximation(int Segments, double Range)
{
    public double SegmentWidth => Range / Segments;

    /// <summary>Worst-case over-estimate of ε² for ε in [0, R]: R²/(4K²).</summary>
    public double MaxError => SegmentWidth * SegmentWidth / 4.0;

    /// <summary>Slope of segment k (0-based).</summary>
    public double Slope(int k) => (2 * k + 1) * SegmentWidth;

    /// <summary>The model's value for slack ε ≥ 0: the chord interpolant (extended linearly beyond R).</summary>
    public double Evaluate(double epsilon)
    {
        if (epsilon <= 0) return 0;
        var h = SegmentWidth;
        var k = Math.Min((int)Math.Floor(epsilon / h), Segments - 1);
        var ek = k * h;
        return ek * ek + Slope(k) * (epsilon - ek);
    }
}
