using Google.Protobuf.WellKnownTypes;
using Sems.Api.V1;
using Sems.Contracts;

namespace Sems.Gateway.Api;

/// <summary>
/// Builds the contract's <see cref="GridStatus"/> of one district, node and resource from the coordinator's latest cycle
/// report, the district's meter reading and its 24 h violation: planned import against the limit per step, excess and
/// headroom, compliance, and per subsystem its planned draw and granted Pmax.
/// </summary>
public sealed class StatusBuilder(DistrictGrains grains)
{
    /// <summary>Headroom below this share of the limit at any step makes a compliant plan AT_RISK.</summary>
    public const double AtRiskHeadroom = 0.05;

    private const double Tolerance = 1e-6;

    public async Task<GridStatus> Build(string district, string node, string resource)
    {
        var info = await grains.Info(district);
        CheckNode(info, node);
        // A resource the district does not draw is the request's problem, whatever state the district is in.
        if (resource.Length > 0) ChooseResource(info, null, resource);
        var reports = await grains.Coordinator(district).GetReports(1);
        if (reports.Length == 0)
            throw ApiException.FailedPrecondition(info.Running
                ? $"district \"{district}\" has not completed a cycle yet; its first runs at the next step"
                : $"district \"{district}\" is not running: start it (StartDistrict) to get a status");
        var report = reports[^1];
        var chosen = ChooseResource(info, report, resource);
        var limit = report.LimitKw.GetValueOrDefault(chosen) ?? [];
        var planned = report.DrawAfterKw.GetValueOrDefault(chosen) ?? [];
        var before = report.DrawBeforeKw.GetValueOrDefault(chosen) ?? [];
        var excess = report.ExcessAfterKw.GetValueOrDefault(chosen) ?? [];
        var status = new GridStatus
        {
            District = district,
            Node = node,
            Resource = chosen,
            Cycle = report.Cycle,
            CycleStart = Timestamp.FromDateTimeOffset(report.Start),
            ComputedAt = Timestamp.FromDateTimeOffset(report.ComputedAt == default ? report.Start : report.ComputedAt),
            Start = Timestamp.FromDateTimeOffset(report.Start),
            Resolution = Duration.FromTimeSpan(TimeSpan.FromMinutes(report.StepMinutes)),
            LimitVersion = report.LimitVersionPerStep.GetValueOrDefault(chosen) is { Length: > 0 } versions ? versions.Max() : 0,
            FallbackActive = report.LimitFallbackPerStep.GetValueOrDefault(chosen)?.Any(f => f) ?? false,
            ViolationLastCycleKwh = report.ViolationAfterKwh.GetValueOrDefault(chosen),
            Rounds = report.Rounds,
            Resolves = report.Resolves,
            CycleWallMs = report.WallMs,
            MissedCycles = report.MissedCycles,
            Running = info.Running,
        };
        status.LimitKw.Add(limit);
        status.PlannedImportKw.Add(planned);
        status.PlannedImportBeforeKw.Add(before);
        status.ExcessKw.Add(excess.Length > 0 ? excess : planned.Select((p, i) => i < limit.Length ? Math.Max(0, p - limit[i]) : 0));
        status.HeadroomKw.Add(planned.Select((p, i) => i < limit.Length ? Math.Max(0, limit[i] - p) : double.PositiveInfinity));

        var meter = await grains.Status(district).GetMeter(chosen);
        if (meter is not null)
        {
            status.MeasuredImportKw = meter.ImportKw;
            status.MeasuredAt = Timestamp.FromDateTimeOffset(meter.MeasuredAt);
        }

        status.ViolationLast24HKwh = await grains.Status(district).GetViolationLast24h(chosen, report.Start.AddMinutes(report.StepMinutes));
        status.Compliance = Judge(limit, planned, meter?.ImportKw);
        foreach (var s in report.Subsystems.OrderBy(s => s.Priority))
        {
            var sub = new SubsystemStatus
            {
                Id = s.SubsystemId,
                Priority = s.Priority,
                PlanStatus = s.Outcome,
                Note = s.Note ?? "",
                SolverStatus = s.Status,
            };
            sub.PlannedImportKw.Add(s.CountedDrawKw.GetValueOrDefault(chosen) ?? s.DrawAfterKw.GetValueOrDefault(chosen) ?? []);
            if (s.TightenedMaxKw.GetValueOrDefault(chosen) is { } granted) sub.GrantedMaxKw.Add(granted);
            status.Subsystems.Add(sub);
        }

        return status;
    }

    /// <summary>VIOLATED when the plan exceeds the limit at a step or the meter reads above the current limit; AT_RISK below 5 % headroom.</summary>
    public static Compliance Judge(IReadOnlyList<double> limitKw, IReadOnlyList<double> plannedKw, double? measuredKw)
    {
        var atRisk = false;
        for (var i = 0; i < Math.Min(limitKw.Count, plannedKw.Count); i++)
        {
            if (!double.IsFinite(limitKw[i])) continue;
            if (plannedKw[i] > limitKw[i] + Tolerance) return Compliance.Violated;
            if (limitKw[i] - plannedKw[i] < AtRiskHeadroom * limitKw[i]) atRisk = true;
        }

        if (measuredKw is { } measured && limitKw.Count > 0 && double.IsFinite(limitKw[0]) && measured > limitKw[0] + Tolerance) return Compliance.Violated;
        return atRisk ? Compliance.AtRisk : Compliance.Compliant;
    }

    /// <summary>The connection point: the district root ("" or the district's name) until the district format has a grid topology.</summary>
    public static void CheckNode(DistrictInfo info, string node)
    {
        if (node.Length > 0 && node != info.District)
            throw ApiException.Invalid("node", $"\"{Text.Cut(node)}\" is not a connection point of district \"{info.District}\": use \"\" or \"{info.District}\" (the district root)");
    }

    public static string ChooseResource(DistrictInfo info, CoordinationCycleReport? report, string resource)
    {
        if (resource.Length > 0)
        {
            if (!info.Resources.Contains(resource, StringComparer.Ordinal))
                throw ApiException.Invalid("resource", $"\"{Text.Cut(resource)}\" is not a resource district \"{info.District}\" draws ({string.Join(", ", info.Resources)})");
            return resource;
        }

        return report?.LimitKw.Keys.Order(StringComparer.Ordinal).FirstOrDefault()
            ?? info.LimitedResources.FirstOrDefault()
            ?? (info.Resources.Contains("electricity", StringComparer.Ordinal) ? "electricity" : info.Resources.FirstOrDefault())
            ?? throw ApiException.FailedPrecondition($"district \"{info.District}\" draws no resource");
    }
}
