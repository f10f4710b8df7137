namespace Sems.Twin;

/// <summary>
/// A fixed, tilted PV array driven by measured global horizontal irradiance (GHI) and air temperature.
/// <para>
/// Chain, per instant: (1) sun position from <see cref="SolarPosition.Compute"/>; (2) clearness index
/// k<sub>t</sub> = GHI / extraterrestrial horizontal irradiance; (3) diffuse fraction from the Erbs correlation
/// (D. G. Erbs, S. A. Klein, J. A. Duffie, "Estimation of the diffuse radiation fraction for hourly, daily and
/// monthly-average global radiation", Solar Energy 28 (1982) 293–302); (4) plane-of-array irradiance with the
/// isotropic-sky model (B. Y. H. Liu, R. C. Jordan, Solar Energy 7 (1963) 53–74; J. A. Duffie, W. A. Beckman,
/// "Solar Engineering of Thermal Processes", 4th ed., eq. 2.15.1): beam on the plane + diffuse × (1 + cos β)/2 +
/// GHI × albedo × (1 − cos β)/2; (5) cell temperature from the NOCT model T<sub>c</sub> = T<sub>a</sub> +
/// (NOCT − 20 °C) × G<sub>POA</sub> / 800 W/m² (Duffie &amp; Beckman §23.3); (6) DC power = rated kWp ×
/// G<sub>POA</sub> / 1000 W/m² × (1 + γ (T<sub>c</sub> − 25 °C)); (7) AC power after lumped system losses, clipped to
/// the rated power (inverter assumed sized at the array's kWp).
/// </para>
/// <para>
/// Power is zero when the sun is below the horizon or GHI is zero. With Erbs, a brighter sky moves irradiance from
/// diffuse to beam, so for a sun behind the panel plane (e.g. a south-facing array at a summer sunrise) power can
/// fall slightly as GHI rises; with the sun in front of the plane power rises with GHI.
/// </para>
/// </summary>
/// <param name="ratedKwp">Rated DC power at standard test conditions (1000 W/m², 25 °C cell), kWp.</param>
/// <param name="tiltDeg">Tilt from horizontal, degrees (0 flat, 90 vertical).</param>
/// <param name="azimuthDeg">Direction the panels face, degrees clockwise from north (180 = south).</param>
/// <param name="latitudeDeg">Site latitude, degrees north.</param>
/// <param name="longitudeDeg">Site longitude, degrees east.</param>
public sealed class PvArray(double ratedKwp, double tiltDeg, double azimuthDeg, double latitudeDeg, double longitudeDeg)
{
    /// <summary>Greenwich PV capacity, 270 kWp: combined PV capacity of the Sharing Cities Greenwich demonstrator (E. O'Dwyer, I. Pan, R. Charlesworth, S. Butler, N. Shah, "Integration of an energy management tool and digital twin for coordination and control of multi-vector smart energy systems", Sustainable Cities and Society 62 (2020) 102412, §4.1).</summary>
    public const double GreenwichRatedKwp = 270.0;

    /// <summary>Greenwich site latitude, 51.48° N (Royal Observatory Greenwich; the Ernest Dence estate is within 2 km).</summary>
    public const double GreenwichLatitudeDeg = 51.48;

    /// <summary>Greenwich site longitude, 0.0° (prime meridian; the Ernest Dence estate is within 0.02° of it).</summary>
    public const double GreenwichLongitudeDeg = 0.0;

    /// <summary>Assumed tilt of the Greenwich arrays, 30° (close to the annual-yield optimum of ~35° for London in PVGIS, allowing for roof pitches; design assumption, no as-built data).</summary>
    public const double GreenwichTiltDeg = 30.0;

    /// <summary>Assumed orientation of the Greenwich arrays, 180° (due south; design assumption, no as-built data).</summary>
    public const double GreenwichAzimuthDeg = 180.0;

    /// <summary>Ground reflectance (albedo), 0.2 (dimensionless): the conventional value for grass/urban ground (Duffie &amp; Beckman; PVGIS and PVsyst default).</summary>
    public const double GroundAlbedo = 0.2;

    /// <summary>Nominal operating cell temperature, 45 °C (typical crystalline-silicon datasheet value at 800 W/m², 20 °C air, 1 m/s wind; IEC 61215 NOCT conditions).</summary>
    public const double NoctC = 45.0;

    /// <summary>Air temperature at NOCT conditions, 20 °C (IEC 61215 NOCT definition).</summary>
    public const double NoctAirTemperatureC = 20.0;

    /// <summary>Irradiance at NOCT conditions, 800 W/m² (IEC 61215 NOCT definition).</summary>
    public const double NoctIrradianceWm2 = 800.0;

    /// <summary>Maximum-power temperature coefficient, −0.004 1/K (−0.4 %/K, typical crystalline silicon; module datasheets, Duffie &amp; Beckman §23.2).</summary>
    public const double PowerTemperatureCoefficientPerK = -0.004;

    /// <summary>Lumped inverter, cabling, mismatch and soiling losses, 0.14 (14 %): the default "system loss" of the EU JRC PVGIS calculator.</summary>
    public const double SystemLossFraction = 0.14;

    /// <summary>Standard test condition irradiance, 1000 W/m² (IEC 60904-3).</summary>
    public const double StcIrradianceWm2 = 1000.0;

    /// <summary>Standard test condition cell temperature, 25 °C (IEC 60904-3).</summary>
    public const double StcCellTemperatureC = 25.0;

    /// <summary>Total solar irradiance at 1 au, 1361 W/m² (G. Kopp, J. L. Lean, Geophys. Res. Lett. 38 (2011) L01706).</summary>
    public const double SolarConstantWm2 = 1361.0;

    /// <summary>
    /// Lowest cosine of the zenith used when forming the clearness index, 0.065 (sun ≥ ~3.7° high): below it
    /// measured GHI / extraterrestrial irradiance is dominated by sensor cosine error and is unbounded. Same cut-off
    /// as the default of pvlib.irradiance.clearness_index (min_cos_zenith = 0.065, zenith 86.27°; after Maxwell,
    /// SERI/TR-215-3087, 1987). The index is then capped at 1; Erbs is flat above 0.8, so the cap changes nothing.
    /// </summary>
    public const double MinCosZenithForClearness = 0.065;

    private readonly double _tilt = Validate(tiltDeg, 0.0, 90.0, nameof(tiltDeg)) * Math.PI / 180.0;

    private readonly double _azimuth = Validate(azimuthDeg, 0.0, 360.0, nameof(azimuthDeg)) * Math.PI / 180.0;

    /// <summary>The 270 kWp Greenwich array: 51.48° N, 0.0° E, tilt 30°, facing south.</summary>
    public static PvArray Greenwich { get; } = new(GreenwichRatedKwp, GreenwichTiltDeg, GreenwichAzimuthDeg, GreenwichLatitudeDeg, GreenwichLongitudeDeg);

    /// <summary>Rated DC power, kWp.</summary>
    public double RatedKwp { get; } = ratedKwp > 0 ? ratedKwp : throw new ArgumentOutOfRangeException(nameof(ratedKwp), ratedKwp, "Rated power must be positive (kWp).");

    /// <summary>Tilt from horizontal, degrees.</summary>
    public double TiltDeg => tiltDeg;

    /// <summary>Panel azimuth, degrees clockwise from north.</summary>
    public double AzimuthDeg => azimuthDeg;

    /// <summary>Site latitude, degrees north.</summary>
    public double LatitudeDeg => latitudeDeg;

    /// <summary>Site longitude, degrees east.</summary>
    public double LongitudeDeg => longitudeDeg;

    /// <summary>
    /// AC power in kW at <paramref name="utc"/> for measured global horizontal irradiance <paramref name="ghiWm2"/>
    /// (W/m²) and air temperature <paramref name="airTempC"/> (°C). Zero at night; never above <see cref="RatedKwp"/>.
    /// </summary>
    public double PowerKw(DateTimeOffset utc, double ghiWm2, double airTempC)
    {
        var poa = PlaneOfArrayIrradianceWm2(utc, ghiWm2);
        if (poa <= 0.0)
        {
            return 0.0;
        }

        var cellC = airTempC + (NoctC - NoctAirTemperatureC) * poa / NoctIrradianceWm2;
        var dcKw = RatedKwp * poa / StcIrradianceWm2 * (1.0 + PowerTemperatureCoefficientPerK * (cellC - StcCellTemperatureC));
        var acKw = dcKw * (1.0 - SystemLossFraction);
        return Math.Clamp(acKw, 0.0, RatedKwp);
    }

    /// <summary>Plane-of-array irradiance in W/m² (Erbs split, isotropic sky, albedo 0.2); zero when the sun is down.</summary>
    public double PlaneOfArrayIrradianceWm2(DateTimeOffset utc, double ghiWm2)
    {
        if (double.IsNaN(ghiWm2) || ghiWm2 <= 0.0)
        {
            return 0.0;
        }

        var sun = SolarPosition.Compute(utc, latitudeDeg, longitudeDeg);
        if (!sun.IsAboveHorizon)
        {
            return 0.0;
        }

        var zenith = sun.ZenithDeg * Math.PI / 180.0;
        var cosZenith = Math.Cos(zenith);
        var extraterrestrialNormal = ExtraterrestrialNormalIrradianceWm2(utc);
        var clearness = Math.Clamp(ghiWm2 / (extraterrestrialNormal * Math.Max(cosZenith, MinCosZenithForClearness)), 0.0, 1.0);
        var diffuse = ghiWm2 * ErbsDiffuseFraction(clearness);
        var beamHorizontal = ghiWm2 - diffuse;
        var directNormal = Math.Min(beamHorizontal / cosZenith, extraterrestrialNormal);

        var sunAzimuth = sun.AzimuthDeg * Math.PI / 180.0;
        var cosIncidence = cosZenith * Math.Cos(_tilt) + Math.Sin(zenith) * Math.Sin(_tilt) * Math.Cos(sunAzimuth - _azimuth);
        var beam = directNormal * Math.Max(0.0, cosIncidence);
        var skyDiffuse = diffuse * (1.0 + Math.Cos(_tilt)) / 2.0;
        var groundReflected = ghiWm2 * GroundAlbedo * (1.0 - Math.Cos(_tilt)) / 2.0;
        return beam + skyDiffuse + groundReflected;
    }

    /// <summary>
    /// Erbs et al. (1982) hourly diffuse fraction of GHI as a function of the clearness index k<sub>t</sub>:
    /// 1 − 0.09 k<sub>t</sub> for k<sub>t</sub> ≤ 0.22; 0.9511 − 0.1604 k<sub>t</sub> + 4.388 k<sub>t</sub>² −
    /// 16.638 k<sub>t</sub>³ + 12.336 k<sub>t</sub>⁴ for 0.22 &lt; k<sub>t</sub> ≤ 0.80; 0.165 above.
    /// </summary>
    public static double ErbsDiffuseFraction(double clearnessIndex)
    {
        var kt = Math.Clamp(clearnessIndex, 0.0, 1.0);
        return kt switch
        {
            <= 0.22 => 1.0 - 0.09 * kt,
            <= 0.80 => 0.9511 + kt * (-0.1604 + kt * (4.388 + kt * (-16.638 + kt * 12.336))),
            _ => 0.165,
        };
    }

    /// <summary>
    /// Extraterrestrial irradiance on a plane normal to the sun, W/m²: the solar constant times Spencer's (1971)
    /// series for the earth–sun distance correction (Duffie &amp; Beckman eq. 1.4.1b).
    /// </summary>
    public static double ExtraterrestrialNormalIrradianceWm2(DateTimeOffset utc)
    {
        var t = utc.UtcDateTime;
        var daysInYear = DateTime.IsLeapYear(t.Year) ? 366.0 : 365.0;
        var b = 2.0 * Math.PI * (t.DayOfYear - 1) / daysInYear;
        return SolarConstantWm2 * (1.000110 + 0.034221 * Math.Cos(b) + 0.001280 * Math.Sin(b)
            + 0.000719 * Math.Cos(2 * b) + 0.000077 * Math.Sin(2 * b));
    }

    private static double Validate(double value, double min, double max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"Must be within [{min}, {max}] degrees.");
}
