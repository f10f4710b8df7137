using Sems.Contracts;

namespace Sems.Grains.Tests;

/// <summary>
/// The forecast grain in the control loop: weather forecasts as features (and never measured weather from the
/// forecast's future), the within-day correction against its closed-form gain on a known AR(1) error, and the
/// uncertainty key against the σ of a known net error.
/// </summary>
public sealed class ForecastGrainLoopTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private const string Ev = "demand:ev-charging";
    private const string Pv = "resourceMax:solar";
    private const string Load = "disturbance:heatLoad";

    /// <summary>Midnight at or before the cluster's clock: every time of these tests lies before it.</summary>
    private DateTimeOffset Midnight
    {
        get
        {
            var now = fixture.Clock.GetUtcNow();
            return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerDay, TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Within_day_correction_cuts_the_next_hour_error_of_an_ar1_residual_by_the_closed_form_factor()
    {
        // y = daily pattern + e, e AR(1) with φ = 0.9 per 15-min step. Same time yesterday leaves the residual
        // r(t) = e(t) − e(t − 1 d), itself AR(1) with φ (e a day apart is independent: 0.9⁹⁶ ≈ 4e-5). Adding
        // φ^(k+1)·r(t − 1 step) leaves at lead k the error variance σ_r²·(1 − φ^(2(k+1))), so with Gaussian errors the
        // MAE of leads 0–3 falls by the mean of √(1 − φ^(2(k+1))), k = 0 … 3: 0.6155.
        const double phi = 0.9;
        const int perDay = 96;
        var step = TimeSpan.FromMinutes(15);
        var historyDays = 21;
        var cycleDays = 8;
        var start = Midnight.AddDays(-(historyDays + cycleDays + 1));
        var random = new Random(17);
        var e = 0.0;
        var y = new double[(historyDays + cycleDays + 1) * perDay];
        for (var i = 0; i < y.Length; i++)
        {
            e = phi * e + 2.0 * Gaussian(random);
            y[i] = 100 + 30 * Math.Sin(2 * Math.PI * (i % perDay) / perDay) + e;
        }

        var grain = fixture.Grains.GetGrain<IForecastGrain>("loop/correction");
        Assert.Empty(await grain.Configure(new ForecastConfiguration("seasonal-naive", [Ev], 15, TimeSpan.FromDays(1), 40, 1, WithinDayCorrection: true)));
        Assert.Empty(await grain.Observe(Ev, start, y[..(historyDays * perDay)]));
        double baseError = 0, correctedError = 0;
        for (var i = historyDays * perDay; i < (historyDays + cycleDays) * perDay; i++)
        {
            var served = (await grain.Forecast(start + i * step, 4))[Ev];
            // The first day lets φ settle (24 residual pairs at least); it is not scored.
            if (i >= (historyDays + 1) * perDay)
            {
                for (var k = 0; k < 4; k++)
                {
                    baseError += Math.Abs(y[i + k] - y[i + k - perDay]); // same time yesterday, computed here
                    correctedError += Math.Abs(y[i + k] - served[k]);
                }
            }

            Assert.Empty(await grain.Observe(Ev, start + i * step, [y[i]]));
        }

        var expected = Enumerable.Range(0, 4).Average(k => Math.Sqrt(1 - Math.Pow(phi, 2 * (k + 1))));
        Assert.InRange(correctedError / baseError, expected - 0.05, expected + 0.05);
        Assert.InRange((await grain.GetStatus()).CorrectionPhi![Ev], phi - 0.05, phi + 0.05);
    }

    [Fact]
    public async Task Weather_forecasts_reach_the_forecaster_and_measured_weather_after_the_start_does_not()
    {
        // Hourly heat load = 500 − 10 kW/K · temperature, the temperature a daily cycle plus a level that changes every day.
        const int days = 28;
        var origin = Midnight.AddDays(-days);
        var random = new Random(5);
        var level = Enumerable.Range(0, days + 2).Select(_ => 12 * random.NextDouble()).ToArray();
        double Temperature(int hour) => level[hour / 24] + 4 * Math.Sin(2 * Math.PI * (hour % 24) / 24);
        var hours = days * 24;
        var temperature = Enumerable.Range(0, hours).Select(Temperature).ToArray();
        var grain = fixture.Grains.GetGrain<IForecastGrain>("loop/weather");
        var weather = new Dictionary<string, string[]> { [Load] = [WeatherSeries.Temperature] };
        Assert.Empty(await grain.Configure(new ForecastConfiguration("regression-fasttree", [Load], 60, TimeSpan.FromDays(1), 40, 1, weather)));
        Assert.Empty(await grain.Observe(Load, origin, temperature.Select(t => 500 - 10 * t).ToArray()));
        Assert.Empty(await grain.ObserveWeather(new WeatherSeries(origin, Midnight, temperature, new double[hours])));

        var start = Midnight;
        var tomorrow = Enumerable.Range(hours, 24).Select(Temperature).ToArray();
        Assert.Empty(await grain.SetWeatherForecast(new WeatherSeries(start, start.AddHours(-6), tomorrow, new double[24])));
        var forecast = (await grain.Forecast(start, 24))[Load];

        // Measured weather (and load) from the forecast's start on: the same forecast, to the bit.
        Assert.Empty(await grain.ObserveWeather(new WeatherSeries(start, start.AddDays(1), Enumerable.Repeat(-30.0, 24).ToArray(), Enumerable.Repeat(900.0, 24).ToArray())));
        Assert.Empty(await grain.Observe(Load, start, Enumerable.Repeat(5000.0, 24).ToArray()));
        Assert.Equal(forecast, (await grain.Forecast(start, 24))[Load]);

        // A forecast 5 K warmer: about 50 kW less load (500 − 10·T), learned from the measured weather alone.
        Assert.Empty(await grain.SetWeatherForecast(new WeatherSeries(start, start.AddHours(-6), tomorrow.Select(t => t + 5).ToArray(), new double[24])));
        var warmer = (await grain.Forecast(start, 24))[Load];
        Assert.InRange(forecast.Average() - warmer.Average(), 25, 75);

        // A forecast issued after its own start would carry the future: refused, and the previous one stays.
        Assert.Contains(await grain.SetWeatherForecast(new WeatherSeries(start, start.AddHours(1), tomorrow, new double[24])), p => p.StartsWith("issued:", StringComparison.Ordinal));
        Assert.Contains(await grain.ObserveWeather(new WeatherSeries(start, start, [1, 2], [0])), p => p.StartsWith("irradianceWm2: 1 samples", StringComparison.Ordinal));
        Assert.Contains(await grain.ObserveWeather(new WeatherSeries(start, start, [double.NaN], [0])), p => p.StartsWith("temperatureC[0]: NaN", StringComparison.Ordinal));
        Assert.Equal(warmer, (await grain.Forecast(start, 24))[Load]);
    }

    [Fact]
    public async Task The_uncertainty_key_is_the_sigma_of_the_net_draw_error_keeping_the_inputs_correlation()
    {
        // EV = 50 + a, PV = 20 + 0.5·a + c with a ~ N(0, 4²), c ~ N(0, 1²) independent per step. Same time yesterday
        // leaves residuals a(t) − a(t − 1 d) etc., so the draw's (EV − PV) residual has σ² = 2·(0.5²·16 + 1) = 10:
        // σ = 3.16 kW; were the two errors taken as independent, √(2·16 + 2·(4 + 1)) = 6.48 kW.
        const int perDay = 96;
        var step = TimeSpan.FromMinutes(15);
        var historyDays = 21;
        var cycleDays = 9;
        var start = Midnight.AddDays(-(historyDays + cycleDays + 1));
        var random = new Random(23);
        var n = (historyDays + cycleDays + 1) * perDay;
        var ev = new double[n];
        var pv = new double[n];
        for (var i = 0; i < n; i++)
        {
            var a = 4 * Gaussian(random);
            ev[i] = 50 + a;
            pv[i] = 20 + 0.5 * a + Gaussian(random);
        }

        var grain = fixture.Grains.GetGrain<IForecastGrain>("loop/uncertainty");
        Assert.Contains(await grain.Configure(new ForecastConfiguration("seasonal-naive", [Ev, Pv], 15, TimeSpan.FromDays(1), 40, 1,
            Uncertainty: [new ForecastUncertainty("electricity", [Ev], ["demand:other"])])), p => p.StartsWith("uncertainty[0]: \"demand:other\"", StringComparison.Ordinal));
        Assert.Empty(await grain.Configure(new ForecastConfiguration("seasonal-naive", [Ev, Pv], 15, TimeSpan.FromDays(1), 40, 1,
            Uncertainty: [new ForecastUncertainty("electricity", [Ev], [Pv])])));
        Assert.Empty(await grain.Observe(Ev, start, ev[..(historyDays * perDay)]));
        Assert.Empty(await grain.Observe(Pv, start, pv[..(historyDays * perDay)]));
        const int steps = 8;
        IReadOnlyDictionary<string, double[]> last = new Dictionary<string, double[]>();
        for (var i = historyDays * perDay; i < (historyDays + cycleDays) * perDay; i++)
        {
            last = await grain.Forecast(start + i * step, steps);
            // No σ before 20 served horizons per lead have been measured.
            if (i < historyDays * perDay + 20) Assert.False(last.ContainsKey("uncertainty:electricity"));
            Assert.Empty(await grain.Observe(Ev, start + i * step, [ev[i]]));
            Assert.Empty(await grain.Observe(Pv, start + i * step, [pv[i]]));
        }

        var sigma = last["uncertainty:electricity"];
        Assert.Equal(steps, sigma.Length);
        Assert.InRange(sigma.Average(), Math.Sqrt(10) * 0.85, Math.Sqrt(10) * 1.15);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
