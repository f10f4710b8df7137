using Sems.Forecasting.Solar;

namespace Sems.Forecasting.Tests;

/// <summary>
/// Hourly PV at Bath with a known cloud pattern: each day d has a clear-sky index k_d drawn uniformly in [0.2, 1];
/// the global horizontal irradiance feature "ghi" is k_d times the step's clear-sky irradiance (W/m²) and the PV output
/// is 0.0008 kW/kWp per W/m² of it.
/// </summary>
internal static class SyntheticPv
{
    public const double YieldKwPerKwpPerWm2 = 0.0008;

    public static readonly SiteLocation Bath = new(51.38, -2.36);

    public static readonly DateTimeOffset Start = new(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static (TimeSeriesData Data, double[] DailyIndex) Generate(int days, int seed)
    {
        var random = new Random(seed);
        var index = new double[days];
        var ghi = new double[days * 24];
        var pv = new double[days * 24];
        for (var d = 0; d < days; d++)
        {
            index[d] = 0.2 + 0.8 * random.NextDouble();
            for (var h = 0; h < 24; h++)
            {
                var i = d * 24 + h;
                ghi[i] = index[d] * SolarGeometry.MeanClearSkyGhiWm2(Bath, Start.AddHours(i), TimeSpan.FromHours(1));
                pv[i] = YieldKwPerKwpPerWm2 * ghi[i];
            }
        }

        var data = new TimeSeriesData(Start, TimeSpan.FromHours(1), pv, new Dictionary<string, double[]> { ["ghi"] = ghi }, HolidayCalendar.EnglandAndWales);
        return (data, index);
    }
}
