namespace Sems.Forecasting.Tests;

/// <summary>
/// A heat-demand-like series with a known pattern: each day's level (kW) is 20 + 8 kW/°C × max(0, 16 °C − daily
/// mean temperature), times 0.75 on weekends and bank holidays; the daily shape is a two-peak weekday profile or a
/// later, flatter weekend profile (both mean 1); Gaussian noise of <see cref="NoiseStdKw"/> is added. The daily mean
/// temperature follows a seasonal cycle plus an AR(1) anomaly with a 3 °C innovation, so it changes by several degrees
/// from one day to the next and "same time yesterday" is wrong by roughly 8 kW/°C times that change.
/// </summary>
internal static class SyntheticDemand
{
    public const double NoiseStdKw = 2.0;

    public static readonly DateTimeOffset Start = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The series (kW, with a "temperature" feature in °C) and its noise-free signal (kW).</summary>
    public static (TimeSeriesData Data, double[] NoiseFreeKw) Generate(int days, int seed, int stepsPerDay = 24)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
        var n = days * stepsPerDay;
        var valuesKw = new double[n];
        var noiseFreeKw = new double[n];
        var temperatureC = new double[n];
        var anomalyC = 0.0;
        for (var d = 0; d < days; d++)
        {
            anomalyC = 0.5 * anomalyC + 3.0 * Gaussian();
            var date = DateOnly.FromDateTime(Start.AddDays(d).DateTime);
            var dailyMeanC = 10.0 - 7.0 * Math.Cos(2.0 * Math.PI * (date.DayOfYear - 20) / 365.0) + anomalyC;
            var working = HolidayCalendar.EnglandAndWales.DayTypeOf(date) == DayType.Weekday;
            var levelKw = (20.0 + 8.0 * Math.Max(0.0, 16.0 - dailyMeanC)) * (working ? 1.0 : 0.75);
            for (var p = 0; p < stepsPerDay; p++)
            {
                var i = d * stepsPerDay + p;
                var hour = 24.0 * p / stepsPerDay;
                temperatureC[i] = dailyMeanC + 3.0 * Math.Sin(2.0 * Math.PI * (hour - 9.0) / 24.0);
                noiseFreeKw[i] = levelKw * Shape(hour, working);
                valuesKw[i] = Math.Max(0.0, noiseFreeKw[i] + NoiseStdKw * Gaussian());
            }
        }

        var data = new TimeSeriesData(
            Start,
            TimeSpan.FromTicks(TimeSpan.TicksPerDay / stepsPerDay),
            valuesKw,
            new Dictionary<string, double[]> { ["temperature"] = temperatureC },
            HolidayCalendar.EnglandAndWales);
        return (data, noiseFreeKw);
    }

    /// <summary>Daily shape with mean 1 over the day (normalised by the mean of its hourly samples).</summary>
    private static double Shape(double hour, bool working)
    {
        double Raw(double h) => working
            ? 0.4 + Math.Exp(-Math.Pow(h - 7.0, 2) / 4.0) + 0.8 * Math.Exp(-Math.Pow(h - 18.0, 2) / 6.0)
            : 0.5 + 0.7 * Math.Exp(-Math.Pow(h - 11.0, 2) / 8.0) + 0.6 * Math.Exp(-Math.Pow(h - 19.0, 2) / 6.0);
        var mean = Enumerable.Range(0, 24).Average(h => Raw(h));
        return Raw(hour) / mean;
    }
}
