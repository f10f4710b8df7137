namespace Sems.Engine.Model;

/// <summary>φ_nrg, φ_pen, φ_slack of eq. 23 (summing to 1, eq. 24) and α per factor (eq. 19).</summary>
public sealed record ObjectiveWeights(double Energy, double Storage, double Comfort, IReadOnlyDictionary<string, double> Factors)
{
    public double FactorWeight(string factor) => Factors.TryGetValue(factor, out var alpha) ? alpha : 0.0;
}
