namespace Sems.Forecasting.Solar;

/// <summary>Where a PV system stands, for the sun's position.</summary>
/// <param name="LatitudeDeg">Latitude, degrees north (−90 … 90).</param>
/// <param name="LongitudeDeg">Longitude, degrees east (−180 … 180).</param>
public sealed record SiteLocation(double LatitudeDeg, double LongitudeDeg)
{
    /// <summary>Latitude, degrees north, validated.</summary>
    public double LatitudeDeg { get; } = double.IsFinite(LatitudeDeg) && Math.Abs(LatitudeDeg) <= 90
        ? LatitudeDeg
        : throw new ArgumentOutOfRangeException(nameof(LatitudeDeg), LatitudeDeg, "The latitude must lie in [−90, 90] degrees north.");

    /// <summary>Longitude, degrees east, validated.</summary>
    public double LongitudeDeg { get; } = double.IsFinite(LongitudeDeg) && Math.Abs(LongitudeDeg) <= 180
        ? LongitudeDeg
        : throw new ArgumentOutOfRangeException(nameof(LongitudeDeg), LongitudeDeg, "The longitude must lie in [−180, 180] degrees east.");
}
