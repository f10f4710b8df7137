namespace Sems.Twin;

/// <summary>Gaussian peaks on the 24-hour clock, used to build daily behaviour profiles that integrate exactly over a day.</summary>
internal static class WrappedGaussian
{
    /// <summary>Hours per day, 24 h (definition; period of the wrapped profile).</summary>
    public const double HoursPerDay = 24.0;

    /// <summary>
    /// Density in 1/h at clock hour <paramref name="hour"/> of a normal peak centred at <paramref name="centreH"/> with
    /// width <paramref name="sigmaH"/> (hours), wrapped onto the 24 h circle by summing the previous, same and next
    /// day; its integral over any 24 h window is 1 to within 1e-8 for σ ≤ 4 h.
    /// </summary>
    public static double Density(double hour, double centreH, double sigmaH)
    {
        var sum = 0.0;
        for (var wrap = -1; wrap <= 1; wrap++)
        {
            var d = hour - centreH - wrap * HoursPerDay;
            sum += Math.Exp(-0.5 * d * d / (sigmaH * sigmaH));
        }

        return sum / (sigmaH * Math.Sqrt(2.0 * Math.PI));
    }
}
