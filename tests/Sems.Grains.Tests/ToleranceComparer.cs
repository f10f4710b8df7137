namespace Sems.Grains.Tests;

/// <summary>Compares numbers to within an absolute tolerance (solver round-off).</summary>
public sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
