using Sems.Twin;

namespace Sems.Twin.Tests;

/// <summary>
/// Reference calibration values were reproduced by an independent implementation of the documented method
/// (separate script: same data, midpoint temperatures, same hot-water shape and BST rule, brute-force 0.01 °C grid):
/// UA 17.83 kW/K, balance 23.01 °C, hot-water base 17.54 kW, hourly CV(RMSE) 25.05 %, monthly CV(RMSE) 10.44 %.
/// </summary>
public sealed class EstateModelTests
{
    private static readonly EstateModel Model = EstateModel.Greenwich;

    [Fact]
    public void Annual_heat_is_two_gwh()
    {
        var report = Model.CalibrationReport();
        Assert.InRange(report.AnnualHeatKwh, 2.0e6 * 0.99, 2.0e6 * 1.01);

        // Recomputed from the public point-in-time API at each hour's midpoint.
        var start = new DateTimeOffset(2022, 1, 1, 0, 30, 0, TimeSpan.Zero);
        var annual = Enumerable.Range(0, 8760).Sum(h => Model.HeatDemandKw(start.AddHours(h)));
        Assert.InRange(annual, 2.0e6 * 0.99, 2.0e6 * 1.01);
    }

    [Fact]
    public void Hourly_and_monthly_fit_meet_ashrae_guideline_14()
    {
        var report = Model.CalibrationReport();
        Assert.InRange(report.HourlyNmbePercent, -10.0, 10.0);
        Assert.InRange(report.HourlyCvRmsePercent, 0.0, 30.0);
        Assert.InRange(report.MonthlyNmbePercent, -5.0, 5.0);
        Assert.InRange(report.MonthlyCvRmsePercent, 0.0, 15.0);
        Assert.True(report.MeetsHourlyCriteria);
        Assert.True(report.MeetsMonthlyCriteria);
        Assert.Equal("UCam_Building_b25", report.CalibrationBuildingId);
    }

    [Fact]
    public void Calibration_matches_the_independent_reimplementation()
    {
        var p = Model.Parameters;
        Assert.Equal(17.83, p.UaKwPerK, 0.05);
        Assert.Equal(23.01, p.BalanceTemperatureC, 0.05);
        Assert.Equal(17.54, p.HotWaterBaseKw, 0.1);
        var report = Model.CalibrationReport();
        Assert.Equal(25.05, report.HourlyCvRmsePercent, 0.05);
        Assert.Equal(10.44, report.MonthlyCvRmsePercent, 0.05);
        Assert.Equal(p, EstateCalibration.Fit(TwinInputs.Load2022()));
    }

    [Fact]
    public void Fit_recovers_known_parameters_from_synthetic_data()
    {
        var inputs = TwinInputs.Load2022();
        var truth = new EstateParameters(15.0, 16.5, 40.0);
        var synthetic = new EstateModel(truth, inputs);
        var hours = inputs.CalibrationHeatLoad.Select(h => h.Time).ToArray();
        var temperatures = hours.Select(t => inputs.OutdoorTemperatureC(t.AddMinutes(30))).ToArray();
        var kwh = synthetic.HourlyHeatKwh2022();

        var fitted = EstateCalibration.Fit(hours, temperatures, kwh, kwh.Sum());
        Assert.Equal(truth.UaKwPerK, fitted.UaKwPerK, 0.01);
        Assert.Equal(truth.BalanceTemperatureC, fitted.BalanceTemperatureC, 0.01);
        Assert.Equal(truth.HotWaterBaseKw, fitted.HotWaterBaseKw, 0.05);
    }

    [Fact]
    public void Demand_is_positive_and_falls_as_it_gets_warmer()
    {
        var t = new DateTimeOffset(2022, 11, 7, 7, 0, 0, TimeSpan.Zero);
        var previous = double.PositiveInfinity;
        for (var outdoor = -10.0; outdoor <= 30.0; outdoor += 0.5)
        {
            var kw = Model.HeatDemandKw(t, outdoor);
            Assert.True(kw > 0.0);
            Assert.True(kw <= previous);
            previous = kw;
        }

        Assert.Equal(Model.HotWaterKw(t), Model.HeatDemandKw(t, 30.0), 12);
        Assert.Equal(95, EstateModel.GreenwichFlats);
    }

    [Fact]
    public void Hot_water_profile_averages_one_with_morning_and_evening_peaks()
    {
        var mean = Enumerable.Range(0, 1440).Average(m => HotWaterProfile.FactorAtLocalHour((m + 0.5) / 60.0));
        Assert.Equal(1.0, mean, 1e-6);
        Assert.True(HotWaterProfile.FactorAtLocalHour(7.5) > 2 * HotWaterProfile.FactorAtLocalHour(3.0));
        Assert.True(HotWaterProfile.FactorAtLocalHour(19.0) > 2 * HotWaterProfile.FactorAtLocalHour(3.0));
        Assert.True(HotWaterProfile.FactorAtLocalHour(7.5) > HotWaterProfile.FactorAtLocalHour(13.0));

        // Wall-clock: in summer (BST) the 07:30 local peak is at 06:30 UTC.
        var summer = new DateTimeOffset(2022, 7, 1, 6, 30, 0, TimeSpan.Zero);
        Assert.Equal(HotWaterProfile.FactorAtLocalHour(7.5), HotWaterProfile.Factor(summer), 12);
        var winter = new DateTimeOffset(2022, 1, 10, 7, 30, 0, TimeSpan.Zero);
        Assert.Equal(HotWaterProfile.FactorAtLocalHour(7.5), HotWaterProfile.Factor(winter), 12);
    }

    [Fact]
    public void Time_only_demand_needs_2022_weather()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.HeatDemandKw(new DateTimeOffset(2018, 11, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(Model.HeatDemandKw(new DateTimeOffset(2018, 11, 1, 0, 0, 0, TimeSpan.Zero), 8.0) > 0.0);
    }
}
