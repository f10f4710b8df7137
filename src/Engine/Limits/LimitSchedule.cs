namespace Sems.Engine.Limits;

/// <summary>
/// Which limit is in force when, among the versions of a district. A newer version (higher
/// <see cref="LimitVersion.Version"/>) replaces an older one only on the instants they share; a version applies on
/// [start, min(end, cancelled at)). Nodes and resources are compared ordinally, so store requests with their node
/// normalised (<see cref="LimitRules.Normalise"/>). Pure: time is passed in.
/// </summary>
public static class LimitSchedule
{
    /// <summary>
    /// The import limit per step of the horizon [horizonStart, horizonStart + steps·Δt). For each step start t: the
    /// value of the newest version of <paramref name="node"/>/<paramref name="resource"/> that covers t
    /// (start ≤ t &lt; end) and is not cancelled at or before t; where none covers t, the fallback of the newest version
    /// that has ended by t (end ≤ t, or cancelled at ≤ t) and has a <see cref="LimitRequest.FallbackImportMaxKw"/>;
    /// else <paramref name="baseKw"/>[i], the district file's limit, with <see cref="double.PositiveInfinity"/>
    /// meaning no limit (NaN is refused).
    /// </summary>
    /// <param name="baseKw">One base limit per step, kW (exactly <paramref name="steps"/> values).</param>
    public static EffectiveLimit Effective(IReadOnlyList<LimitVersion> versions, string node, string resource,
        DateTimeOffset horizonStart, int stepMinutes, int steps, IReadOnlyList<double> baseKw)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(baseKw);
        var stepTicks = LimitTime.StepTicks(stepMinutes, nameof(stepMinutes));
        var starts = LimitTime.StepStarts(horizonStart, stepTicks, steps, nameof(steps));
        if (baseKw.Count != steps) throw new ArgumentException($"baseKw has {baseKw.Count} values but the horizon has {steps} steps", nameof(baseKw));

        var newestFirst = Newest(versions, node, resource);
        var kw = new double[steps];
        var versionPerStep = new long?[steps];
        var fallbackPerStep = new bool[steps];
        for (var i = 0; i < steps; i++)
        {
            var t = starts[i];
            if (Covering(newestFirst, t) is { } covering)
            {
                var request = covering.Request;
                kw[i] = request.ImportMaxKw[(int)((t - request.Start.UtcTicks) / request.Resolution.Ticks)];
                versionPerStep[i] = covering.Version;
            }
            else if (Fallback(newestFirst, t) is { } ended)
            {
                kw[i] = ended.Request.FallbackImportMaxKw!.Value;
                versionPerStep[i] = ended.Version;
                fallbackPerStep[i] = true;
            }
            else
            {
                if (double.IsNaN(baseKw[i])) throw new ArgumentException($"baseKw[{i}] is NaN; use +∞ for no limit", nameof(baseKw));
                kw[i] = baseKw[i];
            }
        }

        return new EffectiveLimit(kw, versionPerStep, fallbackPerStep);
    }

    /// <summary>
    /// The state of <paramref name="version"/> at <paramref name="now"/> among <paramref name="all"/> versions. The
    /// first that holds, in this order:
    /// <list type="number">
    /// <item><see cref="LimitState.Cancelled"/>: its <see cref="LimitVersion.CancelledAt"/> is set;</item>
    /// <item><see cref="LimitState.Superseded"/>: newer versions of the same node and resource together cover every
    /// instant of [start, end), each over the part of its span before its own cancellation (so a newer version
    /// cancelled early gives the older one back its intervals);</item>
    /// <item><see cref="LimitState.Completed"/>: end ≤ now;</item>
    /// <item><see cref="LimitState.Validated"/>: it was set after <paramref name="lastPlannedAt"/>, when the last
    /// coordination cycle planned (null: unknown, never Validated);</item>
    /// <item><see cref="LimitState.Active"/>: start ≤ now &lt; end;</item>
    /// <item><see cref="LimitState.Scheduled"/>: now &lt; start.</item>
    /// </list>
    /// </summary>
    public static LimitState StateAt(LimitVersion version, IReadOnlyList<LimitVersion> all, DateTimeOffset now, DateTimeOffset? lastPlannedAt)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(all);
        if (version.CancelledAt is not null) return LimitState.Cancelled;
        if (IsSuperseded(version, all)) return LimitState.Superseded;
        var t = now.UtcTicks;
        if (LimitTime.EndTicks(version.Request) <= t) return LimitState.Completed;
        if (lastPlannedAt is { } planned && version.SetAt > planned) return LimitState.Validated;
        return version.Request.Start.UtcTicks <= t ? LimitState.Active : LimitState.Scheduled;
    }

    /// <summary>
    /// The versions that <paramref name="request"/> would (partly) supersede: those of its node and resource whose
    /// span [start, min(end, cancelled at)) overlaps the request's [start, end), in increasing version order.
    /// </summary>
    public static IReadOnlyList<long> Overlapped(IReadOnlyList<LimitVersion> versions, LimitRequest request)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(request);
        var start = request.Start.UtcTicks;
        var end = LimitTime.EndTicks(request);
        return versions
            .Where(v => LimitTime.SameTarget(v, request.Node, request.Resource))
            .Where(v => LimitTime.Applies(v) is var span && span.Start < span.End && span.Start < end && start < span.End)
            .Select(v => v.Version)
            .Order()
            .ToList();
    }

    private static LimitVersion[] Newest(IReadOnlyList<LimitVersion> versions, string node, string resource) =>
        versions.Where(v => v is not null && LimitTime.SameTarget(v, node, resource)).OrderByDescending(v => v.Version).ToArray();

    private static LimitVersion? Covering(LimitVersion[] newestFirst, long t)
    {
        foreach (var version in newestFirst)
        {
            var (start, end) = LimitTime.Applies(version);
            if (start <= t && t < end) return version;
        }

        return null;
    }

    private static LimitVersion? Fallback(LimitVersion[] newestFirst, long t)
    {
        foreach (var version in newestFirst)
        {
            if (version.Request.FallbackImportMaxKw is not null && LimitTime.EndsAt(version) <= t) return version;
        }

        return null;
    }

    private static bool IsSuperseded(LimitVersion version, IReadOnlyList<LimitVersion> all)
    {
        var start = version.Request.Start.UtcTicks;
        var end = LimitTime.EndTicks(version.Request);
        if (end <= start) return false;
        var newer = all
            .Where(v => v is not null && v.Version > version.Version && LimitTime.SameTarget(v, version.Request.Node, version.Request.Resource))
            .Select(LimitTime.Applies)
            .Where(span => span.End > span.Start)
            .OrderBy(span => span.Start);
        var coveredUntil = start;
        foreach (var (spanStart, spanEnd) in newer)
        {
            if (spanStart > coveredUntil) return false;
            coveredUntil = Math.Max(coveredUntil, spanEnd);
            if (coveredUntil >= end) return true;
        }

        return false;
    }
}
