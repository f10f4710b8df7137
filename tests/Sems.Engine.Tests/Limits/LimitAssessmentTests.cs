using Sems.Engine.Limits;
using static Sems.Engine.Tests.Limits.LimitFixtures;

namespace Sems.Engine.Tests.Limits;

/// <summary>The assessment per interval of the profile, with means and shortfalls worked by hand.</summary>
public sealed class LimitAssessmentTests
{
    // [100, 80] kW at 30-min resolution from 00:00: intervals 00:00–00:30 and 00:30–01:00.
    private static readonly LimitRequest Profile = Request(At(0), 30, [100, 80]);

    [Fact]
    public void Each_interval_takes_the_mean_of_its_steps()
    {
        // 15-min plan from 00:00: [90, 120 | 70, 80 | 60]. Interval 0: (90 + 120)/2 = 105 kW, 5 kW over 100 → not compliant.
        // Interval 1: (70 + 80)/2 = 75 kW under 80 → compliant. The 01:00 step is past the profile's end.
        // Least achievable: (50 + 70)/2 = 60 kW, (40 + 60)/2 = 50 kW.
        var result = LimitAssessment.Assess(Profile, At(0), 15, [90, 120, 70, 80, 60], [50, 70, 40, 60, 0]);

        Assert.Equal(2, result.Count);
        Assert.Equal(new IntervalAssessment(At(0), 100, 105, 60, 5, false) { PlannedSteps = 2 }, result[0]);
        Assert.Equal(new IntervalAssessment(At(0, 30), 80, 75, 50, 0, true) { PlannedSteps = 2 }, result[1]);
    }

    [Fact]
    public void A_step_over_the_limit_is_compliant_when_the_interval_mean_is_not()
    {
        // 120 kW at 00:00 and 80 kW at 00:15: above 100 kW for one step, but the interval's mean is exactly 100 kW.
        var result = LimitAssessment.Assess(Profile, At(0), 15, [120, 80], [0, 0]);

        Assert.Single(result);
        Assert.Equal(0.0, result[0].ShortfallKw);
        Assert.True(result[0].Compliant);
    }

    [Fact]
    public void A_plan_that_starts_inside_an_interval_is_assessed_on_its_steps_there()
    {
        // Plan from 00:15: interval 0 has only the 00:15 step (120 kW → 20 kW short), interval 1 has 00:30 and 00:45.
        var result = LimitAssessment.Assess(Profile, At(0, 15), 15, [120, 90, 60], [10, 20, 30]);

        Assert.Equal([1, 2], result.Select(r => r.PlannedSteps));
        Assert.Equal((120.0, 20.0, 10.0), (result[0].PlannedImportKw, result[0].ShortfallKw, result[0].MinAchievableImportKw));
        Assert.Equal((75.0, 0.0, 25.0), (result[1].PlannedImportKw, result[1].ShortfallKw, result[1].MinAchievableImportKw));
    }

    [Fact]
    public void An_interval_the_plan_does_not_reach_is_left_out()
    {
        var result = LimitAssessment.Assess(Profile, At(0, 30), 15, [50, 50, 50, 50], [0, 0, 0, 0]);

        Assert.Equal([At(0, 30)], result.Select(r => r.Start));
    }

    [Theory]
    [InlineData(5e-7, true)]
    [InlineData(2e-6, false)]
    public void Shortfalls_within_the_tolerance_are_compliant(double overKw, bool compliant)
    {
        var result = LimitAssessment.Assess(Request(At(0), 15, [100]), At(0), 15, [100 + overKw], [0]);

        Assert.Equal(compliant, result[0].Compliant);
        Assert.Equal(overKw, result[0].ShortfallKw, 12);
    }

    [Fact]
    public void Series_of_different_lengths_are_refused()
    {
        Assert.Equal("minAchievableKw", Assert.Throws<ArgumentException>(() => LimitAssessment.Assess(Profile, At(0), 15, [1, 2], [1])).ParamName);
    }
}
