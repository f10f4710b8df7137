namespace Sems.Engine.Limits;

/// <summary>
/// How a plan meets a limit profile, interval by interval (not step by step), as the DSO API's assessment reports it.
/// A plan step belongs to the interval in which it starts; an interval that no plan step starts in is left out.
/// </summary>
public static class LimitAssessment
{
    /// <summary>The shortfall a compliant interval may still have, kW (rounding of the solver).</summary>
    public const double ToleranceKw = 1e-6;

    /// <summary>
    /// Per interval of <paramref name="request"/> that the plan reaches, in interval order: the planned import, the
    /// mean of <paramref name="plannedKw"/> over the interval's steps; the least achievable import, the mean of
    /// <paramref name="minAchievableKw"/> over the same steps; shortfall = max(0, planned − limit); compliant when
    /// shortfall ≤ <see cref="ToleranceKw"/>.
    /// </summary>
    /// <param name="planStart">When step 0 of the plan begins.</param>
    /// <param name="plannedKw">The planned district import per step, kW.</param>
    /// <param name="minAchievableKw">The least import the district could reach per step, kW (as many values).</param>
    public static IReadOnlyList<IntervalAssessment> Assess(LimitRequest request, DateTimeOffset planStart, int stepMinutes,
        IReadOnlyList<double> plannedKw, IReadOnlyList<double> minAchievableKw)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.ImportMaxKw);
        ArgumentNullException.ThrowIfNull(plannedKw);
        ArgumentNullException.ThrowIfNull(minAchievableKw);
        if (request.Resolution <= TimeSpan.Zero) throw new ArgumentException($"the request's resolution {request.Resolution} is not positive", nameof(request));
        if (minAchievableKw.Count != plannedKw.Count)
        {
            throw new ArgumentException($"minAchievableKw has {minAchievableKw.Count} values but plannedKw has {plannedKw.Count}", nameof(minAchievableKw));
        }

        var stepTicks = LimitTime.StepTicks(stepMinutes, nameof(stepMinutes));
        var starts = LimitTime.StepStarts(planStart, stepTicks, plannedKw.Count, nameof(plannedKw));
        var n = request.ImportMaxKw.Count;
        var plannedSum = new double[n];
        var minSum = new double[n];
        var count = new int[n];
        var start = request.Start.UtcTicks;
        var end = LimitTime.EndTicks(request);
        var resolution = request.Resolution.Ticks;
        for (var i = 0; i < starts.Length; i++)
        {
            if (!double.IsFinite(plannedKw[i])) throw new ArgumentException($"plannedKw[{i}] is {plannedKw[i]}, not a finite number of kW", nameof(plannedKw));
            if (!double.IsFinite(minAchievableKw[i])) throw new ArgumentException($"minAchievableKw[{i}] is {minAchievableKw[i]}, not a finite number of kW", nameof(minAchievableKw));
            var t = starts[i];
            if (t < start || t >= end) continue;
            var interval = (int)((t - start) / resolution);
            plannedSum[interval] += plannedKw[i];
            minSum[interval] += minAchievableKw[i];
            count[interval]++;
        }

        var assessments = new List<IntervalAssessment>();
        for (var j = 0; j < n; j++)
        {
            if (count[j] == 0) continue;
            var planned = plannedSum[j] / count[j];
            var limit = request.ImportMaxKw[j];
            var shortfall = Math.Max(0, planned - limit);
            assessments.Add(new IntervalAssessment(
                new DateTimeOffset(start + j * resolution, TimeSpan.Zero), limit, planned, minSum[j] / count[j], shortfall, shortfall <= ToleranceKw)
            {
                PlannedSteps = count[j],
            });
        }

        return assessments;
    }
}
