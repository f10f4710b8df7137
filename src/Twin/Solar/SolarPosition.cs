namespace Sems.Twin;

/// <summary>
/// Position of the sun seen from a point on the earth (geometric, without atmospheric refraction).
/// <see cref="ZenithDeg"/> is the angle from the vertical (0° overhead, 90° on the geometric horizon, above 90° at
/// night); <see cref="AzimuthDeg"/> is measured clockwise from true north (90° east, 180° south, 270° west).
/// </summary>
public sealed record SolarPosition(double ZenithDeg, double AzimuthDeg)
{
    /// <summary>Solar elevation above the geometric horizon in degrees (90° − zenith).</summary>
    public double ElevationDeg => 90.0 - ZenithDeg;

    /// <summary>Whether the sun's centre is above the geometric horizon.</summary>
    public bool IsAboveHorizon => ZenithDeg < 90.0;

    /// <summary>Minutes of time per degree of longitude or hour angle, 4 min/° (1,440 min per 360°; NOAA Solar Calculator).</summary>
    private const double MinutesPerDegree = 4.0;

    /// <summary>Minutes per day, 1,440 min (definition).</summary>
    private const double MinutesPerDay = 1440.0;

    /// <summary>Julian date of the J2000.0 epoch, 2000-01-01T12:00 TT, 2,451,545.0 d (IAU; Meeus ch. 7). UTC is used for TT: the ~69 s difference moves the sun by &lt; 0.001°.</summary>
    private const double JulianDateJ2000 = 2451545.0;

    /// <summary>Days per Julian century, 36,525 d (IAU definition).</summary>
    private const double DaysPerJulianCentury = 36525.0;

    /// <summary>The J2000.0 epoch as a UTC instant (see <see cref="JulianDateJ2000"/>).</summary>
    private static readonly DateTimeOffset J2000 = new(2000, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Computes the solar zenith and azimuth at the instant <paramref name="utc"/> for a site at
    /// <paramref name="latitudeDeg"/> (north positive) and <paramref name="longitudeDeg"/> (east positive).
    /// <para>
    /// Method: the NOAA Global Monitoring Laboratory Solar Calculator, which evaluates the low-accuracy solar
    /// coordinates of J. Meeus, "Astronomical Algorithms", 2nd ed. (1998), ch. 25 (geometric mean longitude and
    /// anomaly, equation of centre, nutation/aberration-corrected apparent longitude, obliquity) and the equation of
    /// time of ch. 28; all numeric coefficients below are Meeus's, in degrees per Julian century T. True solar time is
    /// UTC + equation of time + 4 min per degree of east longitude, and the hour angle is 15° per hour from solar
    /// noon. Zenith: cos θz = sin φ sin δ + cos φ cos δ cos h; azimuth: atan2(sin h, cos h sin φ − tan δ cos φ) + 180°,
    /// clockwise from north. Accuracy ≈0.01° in declination and a few seconds in the equation of time for
    /// 1800–2100. (Spencer's 1971 Fourier series, also used by NOAA's "General Solar Position Calculations", was
    /// rejected: it is a fixed-year fit and is ~0.4° off in declination at the 2022 equinoxes.) Atmospheric
    /// refraction is ignored, so near the horizon the apparent sun is up to ~0.6° higher than computed.
    /// </para>
    /// </summary>
    public static SolarPosition Compute(DateTimeOffset utc, double latitudeDeg, double longitudeDeg)
    {
        if (latitudeDeg is < -90.0 or > 90.0 || double.IsNaN(latitudeDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDeg), latitudeDeg, "Latitude must be within [-90, 90] degrees.");
        }

        if (longitudeDeg is < -180.0 or > 180.0 || double.IsNaN(longitudeDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDeg), longitudeDeg, "Longitude must be within [-180, 180] degrees (east positive).");
        }

        var julianDate = (utc - J2000).TotalDays + JulianDateJ2000;
        var t = (julianDate - JulianDateJ2000) / DaysPerJulianCentury;

        var meanLongitude = Mod360(280.46646 + t * (36000.76983 + t * 0.0003032));
        var meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t);
        var eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
        var m = DegToRad(meanAnomaly);
        var equationOfCentre = Math.Sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
            + Math.Sin(2 * m) * (0.019993 - 0.000101 * t)
            + Math.Sin(3 * m) * 0.000289;
        var omega = DegToRad(125.04 - 1934.136 * t);
        var apparentLongitude = DegToRad(meanLongitude + equationOfCentre - 0.00569 - 0.00478 * Math.Sin(omega));
        var meanObliquity = 23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60.0) / 60.0;
        var obliquity = DegToRad(meanObliquity + 0.00256 * Math.Cos(omega));
        var declination = Math.Asin(Math.Sin(obliquity) * Math.Sin(apparentLongitude));

        var y = Math.Pow(Math.Tan(obliquity / 2.0), 2);
        var l0 = DegToRad(meanLongitude);
        var equationOfTimeMin = MinutesPerDegree * RadToDeg(
            y * Math.Sin(2 * l0)
            - 2 * eccentricity * Math.Sin(m)
            + 4 * eccentricity * y * Math.Sin(m) * Math.Cos(2 * l0)
            - 0.5 * y * y * Math.Sin(4 * l0)
            - 1.25 * eccentricity * eccentricity * Math.Sin(2 * m));

        var minutesOfDay = utc.UtcDateTime.TimeOfDay.TotalMinutes;
        var trueSolarTimeMin = minutesOfDay + equationOfTimeMin + MinutesPerDegree * longitudeDeg;
        trueSolarTimeMin -= MinutesPerDay * Math.Floor(trueSolarTimeMin / MinutesPerDay);
        var hourAngle = DegToRad(trueSolarTimeMin / MinutesPerDegree - 180.0);
        var latitude = DegToRad(latitudeDeg);

        var cosZenith = Math.Sin(latitude) * Math.Sin(declination) + Math.Cos(latitude) * Math.Cos(declination) * Math.Cos(hourAngle);
        var zenith = Math.Acos(Math.Clamp(cosZenith, -1.0, 1.0));

        var azimuth = Math.Atan2(
            Math.Sin(hourAngle),
            Math.Cos(hourAngle) * Math.Sin(latitude) - Math.Tan(declination) * Math.Cos(latitude));
        var azimuthDeg = RadToDeg(azimuth) + 180.0;
        if (azimuthDeg >= 360.0)
        {
            azimuthDeg -= 360.0;
        }

        return new SolarPosition(RadToDeg(zenith), azimuthDeg);
    }

    private static double Mod360(double deg) => deg - 360.0 * Math.Floor(deg / 360.0);

    private static double DegToRad(double deg) => deg * Math.PI / 180.0;

    private static double RadToDeg(double rad) => rad * 180.0 / Math.PI;
}
