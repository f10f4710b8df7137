using Sems.Forecasting.Weather;

namespace Sems.Forecasting.Tests;

public sealed class WeatherForecastErrorTests
{
    private const int Issues = 4000;
    private static readonly DateTimeOffset FirstIssue = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static double[] TemperatureErrors(WeatherForecastError generator, TimeSpan lead)
    {
        var errors = new double[Issues];
        for (var i = 0; i < Issues; i++)
        {
            var issued = FirstIssue.AddHours(i);
            errors[i] = generator.TemperatureC(issued, issued + lead, 10.0) - 10.0;
        }

        return errors;
    }

    private static double Mean(double[] x) => x.Average();

    private static double StandardDeviation(double[] x)
    {
        var m = Mean(x);
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = Mean(x), my = Mean(y), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    [Fact]
    public void Temperature_error_has_zero_mean_and_the_published_standard_deviation_at_1_h_and_24_h()
    {
        var generator = new WeatherForecastError(seed: 11);
        var at1 = TemperatureErrors(generator, TimeSpan.FromHours(1));
        var at24 = TemperatureErrors(generator, TimeSpan.FromHours(24));

        // The published profile: 1.0 K at 1 h, 1.8 K at 24 h. Standard error of the mean σ/√n ≈ 0.016 K / 0.028 K;
        // of the standard deviation σ/√(2n) ≈ 1.1 %.
        Assert.InRange(Mean(at1), -4 * 1.0 / Math.Sqrt(Issues), 4 * 1.0 / Math.Sqrt(Issues));
        Assert.InRange(Mean(at24), -4 * 1.8 / Math.Sqrt(Issues), 4 * 1.8 / Math.Sqrt(Issues));
        Assert.InRange(StandardDeviation(at1), 0.96, 1.04);
        Assert.InRange(StandardDeviation(at24), 1.8 * 0.96, 1.8 * 1.04);
        // Half way (12.5 h) the standard deviation is the mean of both ends, 1.4 K.
        Assert.InRange(StandardDeviation(TemperatureErrors(generator, TimeSpan.FromHours(12.5))), 1.4 * 0.96, 1.4 * 1.04);
    }

    [Fact]
    public void Errors_of_one_issue_time_are_correlated_along_the_lead_as_an_AR1_with_a_6_h_e_folding_time()
    {
        var generator = new WeatherForecastError(seed: 5);
        var at1 = TemperatureErrors(generator, TimeSpan.FromHours(1));
        var at2 = TemperatureErrors(generator, TimeSpan.FromHours(2));
        var at7 = TemperatureErrors(generator, TimeSpan.FromHours(7));
        var at24 = TemperatureErrors(generator, TimeSpan.FromHours(24));

        Assert.InRange(Correlation(at1, at2), Math.Exp(-1.0 / 6) - 0.03, Math.Exp(-1.0 / 6) + 0.03); // 0.846
        Assert.InRange(Correlation(at1, at7), Math.Exp(-1.0) - 0.04, Math.Exp(-1.0) + 0.04); // 0.368
        Assert.InRange(Correlation(at1, at24), -0.05, Math.Exp(-23.0 / 6) + 0.05); // 0.022
    }

    [Fact]
    public void Forecasts_issued_at_different_times_have_independent_errors()
    {
        var generator = new WeatherForecastError(seed: 5);
        var lead = TimeSpan.FromHours(6);
        var a = new double[Issues];
        var b = new double[Issues];
        for (var i = 0; i < Issues; i++)
        {
            // Two forecasts for the same valid time, issued one hour apart.
            var valid = FirstIssue.AddHours(24 * i + 12);
            a[i] = generator.TemperatureC(valid - lead, valid, 0);
            b[i] = generator.TemperatureC(valid - lead - TimeSpan.FromHours(1), valid, 0);
        }

        Assert.InRange(Correlation(a, b), -0.06, 0.06);
    }

    [Fact]
    public void The_same_seed_issue_and_valid_time_give_the_same_forecast_whatever_was_asked_before()
    {
        var issued = new DateTimeOffset(2022, 11, 3, 0, 0, 0, TimeSpan.Zero);
        var valid = issued.AddHours(17);
        var first = new WeatherForecastError(42);
        var expectedT = first.TemperatureC(issued, valid, 7.5);
        var expectedG = first.IrradianceWm2(issued, valid, 250);

        var second = new WeatherForecastError(42);
        for (var h = 23; h >= 0; h--) second.TemperatureC(issued, issued.AddHours(h), 3);
        second.IrradianceWm2(issued.AddDays(-1), valid, 100);
        Assert.Equal(expectedT, second.TemperatureC(issued, valid, 7.5));
        Assert.Equal(expectedG, second.IrradianceWm2(issued, valid, 250));
        // The error does not depend on the measured value: the same issue and valid time shift any temperature alike.
        Assert.Equal(expectedT - 7.5, second.TemperatureC(issued, valid, -2.0) + 2.0, 12);

        var otherSeed = new WeatherForecastError(43);
        Assert.NotEqual(expectedT, otherSeed.TemperatureC(issued, valid, 7.5));
        Assert.NotEqual(expectedG, otherSeed.IrradianceWm2(issued, valid, 250));
    }

    [Fact]
    public void Irradiance_factor_has_mean_1_and_the_published_relative_standard_deviation_and_is_never_negative()
    {
        var generator = new WeatherForecastError(seed: 9);
        var factors24 = new double[Issues];
        var factors1 = new double[Issues];
        for (var i = 0; i < Issues; i++)
        {
            var issued = FirstIssue.AddHours(i);
            factors24[i] = generator.IrradianceWm2(issued, issued.AddHours(24), 300) / 300;
            factors1[i] = generator.IrradianceWm2(issued, issued.AddHours(1), 300) / 300;
        }

        Assert.All(factors24, f => Assert.True(f > 0));
        Assert.InRange(Mean(factors24), 1 - 4 * 0.30 / Math.Sqrt(Issues), 1 + 4 * 0.30 / Math.Sqrt(Issues));
        Assert.InRange(StandardDeviation(factors24), 0.30 * 0.94, 0.30 * 1.06);
        Assert.InRange(StandardDeviation(factors1), 0.20 * 0.95, 0.20 * 1.05);
    }

    [Fact]
    public void Dark_hours_stay_dark_and_no_forecast_exceeds_the_cap_or_goes_below_zero()
    {
        var wild = new WeatherErrorProfile(1, 1, 2.0, 3.0, 6, 1200);
        var generator = new WeatherForecastError(seed: 3, wild);
        for (var i = 0; i < 2000; i++)
        {
            var issued = FirstIssue.AddHours(i);
            Assert.Equal(0.0, generator.IrradianceWm2(issued, issued.AddHours(i % 30), 0.0));
            var bright = generator.IrradianceWm2(issued, issued.AddHours(i % 30), 1000);
            Assert.InRange(bright, 0, 1200);
            // A measurement above the cap is never cut below itself.
            Assert.InRange(generator.IrradianceWm2(issued, issued.AddHours(3), 1300), 0, 1300);
        }

        Assert.True(double.IsNaN(generator.IrradianceWm2(FirstIssue, FirstIssue.AddHours(2), double.NaN)));
        Assert.True(double.IsNaN(generator.TemperatureC(FirstIssue, FirstIssue.AddHours(2), double.NaN)));
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_field_and_the_value()
    {
        var generator = new WeatherForecastError(1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => generator.TemperatureC(FirstIssue, FirstIssue.AddHours(-1), 5));
        Assert.Equal("valid", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => generator.TemperatureC(FirstIssue, FirstIssue.AddDays(8), 5));
        Assert.Equal("valid", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => generator.IrradianceWm2(FirstIssue, FirstIssue.AddHours(2), -3));
        Assert.Equal("measuredWm2", e.ParamName);
        Assert.Contains("-3", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new WeatherForecastError(1, WeatherErrorProfile.Published with { TemperatureSigmaLead24hK = -0.5 }));
        Assert.Equal("TemperatureSigmaLead24hK", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new WeatherForecastError(1, WeatherErrorProfile.Published with { CorrelationHours = 0 }));
        Assert.Equal("CorrelationHours", e.ParamName);
    }
}
