using Google.Protobuf.WellKnownTypes;
using Sems.Api.V1;
using Sems.Contracts;

namespace Sems.Gateway.Api;

/// <summary>
/// Builds the contract's <see cref="GridStatus"/> of one district, node and resource from the coordinator's latest cycle
/// report, the district's meter reading and its 24 h violation: planned import against the limit per step, excess and
/// headroom, compliance, and per subsystem its planned draw and granted Pmax. A node below the root (a feeder) reports
/// the summed draw of its subtree against its own limit from the report's per-node figures, and only its subsystems.
/// </summary>
public sealed class StatusBuilder(DistrictGrains grains)
{
    /// <summary>Headroom below this share of the limit at any step makes a compliant plan AT_RISK.</summary>
    public const double AtRiskHeadroom = 0.05;

    private const double Tolerance = 1e-6;

    public async Task<GridStatus> Build(string district, string node, string resource)
    {
        var info = await grains.Info(district);
        var nodeId = ResolveNode(info, node);
        var isRoot = info.Nodes.Length == 0 || nodeId == info.Nodes[0].Id;
        // A resource the district does not draw is the request's problem, whatever state the district is in.
        if (resource.Length > 0) ChooseResource(info, null, resource);
        var reports = await grains.Coordinator(district).GetReports(1);
        if (reports.Length == 0)
            throw ApiException.FailedPrecondition(info.Running
                ? $"district \"{district}\" has not completed a cycle yet; its first runs at the next step"
                : $"district \"{district}\" is not running: start it (StartDistrict) to get a status");
        var report = reports[^1];
        var chosen = isRoot ? ChooseResource(info, report, resource) : ChooseResource(info, report, resource, nodeId);
        double[] limit, planned, before, excess;
        double violation;
        if (isRoot)
        {
            limit = report.LimitKw.GetValueOrDefault(chosen) ?? [];
            planned = report.DrawAfterKw.GetValueOrDefault(chosen) ?? [];
            before = report.DrawBeforeKw.GetValueOrDefault(chosen) ?? [];
            excess = report.ExcessAfterKw.GetValueOrDefault(chosen) ?? [];
            violation = report.ViolationAfterKwh.GetValueOrDefault(chosen);
        }
        else
        {
            // A feeder's status: the summed draw of its subtree against its own limit, as the cycle computed them.
            var at = report.Nodes.GetValueOrDefault(nodeId)?.GetValueOrDefault(chosen);
            limit = at?.LimitKw ?? [];
            planned = at?.DrawAfterKw ?? [];
            before = at?.DrawBeforeKw ?? [];
            excess = at?.ExcessAfterKw ?? [];
            violation = at?.ViolationAfterKwh ?? 0;
        }

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
            LimitVersion = (isRoot ? report.LimitVersionPerStep : report.NodeLimitVersionPerStep.GetValueOrDefault(nodeId))?.GetValueOrDefault(chosen) is { Length: > 0 } versions ? versions.Max() : 0,
            FallbackActive = (isRoot ? report.LimitFallbackPerStep : report.NodeLimitFallbackPerStep.GetValueOrDefault(nodeId))?.GetValueOrDefault(chosen)?.Any(f => f) ?? false,
            ViolationLastCycleKwh = violation,
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

        if (!isRoot)
        {
            // The meter and the 24 h violation are the connection point's (the root's): a feeder has neither yet.
            status.Compliance = Judge(limit, planned, null);
            var below = Subtree(info, nodeId);
            AddSubsystems(status, report.Subsystems.Where(s => below.Contains(s.SubsystemId)), chosen);
            return status;
        }

        var meter = await grains.Status(district).GetMeter(chosen);
        if (meter is not null)
        {
            status.MeasuredImportKw = meter.ImportKw;
            status.MeasuredAt = Timestamp.FromDateTimeOffset(meter.MeasuredAt);
        }

        status.ViolationLast24HKwh = await grains.Status(district).GetViolationLast24h(chosen, report.Start.AddMinutes(report.StepMinutes));
        status.Compliance = Judge(limit, planned, meter?.ImportKw);
        AddSubsystems(status, report.Subsystems, chosen);
        return status;
    }

    private static void AddSubsystems(GridStatus status, IEnumerable<SubsystemCycleOutcome> subsystems, string chosen)
    {
        foreach (var s in subsystems.OrderBy(s => s.Priority))
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
    }

    /// <summary>The ids of the subsystems connected to <paramref name="nodeId"/> or to any node below it.</summary>
    public static HashSet<string> Subtree(DistrictInfo info, string nodeId)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal) { nodeId };
        // Parents come before children, so one pass collects the whole subtree.
        foreach (var n in info.Nodes) if (n.Parent is { } parent && nodes.Contains(parent)) nodes.Add(n.Id);
        var root = info.Nodes.Length > 0 ? info.Nodes[0].Id : info.District;
        return info.Subsystems.Where(s => nodes.Contains(s.Node.Length > 0 ? s.Node : root)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
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

    /// <summary>Checks that <paramref name="node"/> names a node of the district's grid ("" and the district's name: the root).</summary>
    public static void CheckNode(DistrictInfo info, string node) => ResolveNode(info, node);

    /// <summary>
    /// The grid node id <paramref name="node"/> names: "" and the district's name are the root; any node of the grid is
    /// itself. Anything else is INVALID_ARGUMENT on field <c>node</c>, naming the value and the nodes there are.
    /// </summary>
    public static string ResolveNode(DistrictInfo info, string node)
    {
        ArgumentNullException.ThrowIfNull(info);
        var root = info.Nodes.Length > 0 ? info.Nodes[0].Id : info.District;
        if (node.Length == 0 || node == info.District) return root;
        if (info.Nodes.Any(n => n.Id == node)) return node;
        if (info.Nodes.Length <= 1)
            throw ApiException.Invalid("node", $"\"{Text.Cut(node)}\" is not a connection point of district \"{info.District}\": use \"\" or \"{info.District}\" (the district root)");
        var listed = string.Join(", ", info.Nodes.Take(20).Select(n => $"\"{n.Id}\"")) + (info.Nodes.Length > 20 ? $", … ({info.Nodes.Length} nodes)" : "");
        throw ApiException.Invalid("node", $"\"{Text.Cut(node)}\" is not a node of the grid of district \"{info.District}\": use \"\" (the root) or one of {listed}");
    }

    /// <summary>The resource of a non-root node's status: the one named, else the first the node limits, else the district's choice.</summary>
    public static string ChooseResource(DistrictInfo info, CoordinationCycleReport? report, string resource, string nodeId)
    {
        if (resource.Length > 0) return ChooseResource(info, report, resource);
        return info.Nodes.FirstOrDefault(n => n.Id == nodeId)?.LimitedResources.FirstOrDefault() ?? ChooseResource(info, report, resource);
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
