using System.Globalization;
using System.Security.Claims;
using Google.Protobuf.WellKnownTypes;
using Sems.Api.V1;
using Sems.Contracts.Limits;
using Sems.Engine.Limits;
using Sems.Gateway.Auth;
using LimitRequest = Sems.Engine.Limits.LimitRequest;

namespace Sems.Gateway.Api;

/// <summary>
/// The GridConstraints operations, shared by gRPC and REST: status, limit versions (set, list, cancel, with an
/// assessment from a coordination run on request) and flexibility. Every operation checks scope and district first,
/// then validates, then applies, so a refused call changes nothing. An assessment is stamped with the time its cycle
/// completed on the silo's SEMS clock, the clock its plan and the limit version's set_at are on (also when the gateway
/// runs apart from the silos).
/// </summary>
public sealed class GridOperations(
    DistrictGrains grains,
    StatusBuilder statuses,
    Authorizer authorizer,
    AuditLog audit)
{
    public async Task<GridStatus> GetStatus(ClaimsPrincipal user, GetStatusRequest request)
    {
        authorizer.Require(user, SemsScopes.StatusRead, request.District, "GetStatus");
        return await statuses.Build(request.District, request.Node, request.Resource);
    }

    public async Task<SetLimitResponse> SetLimit(ClaimsPrincipal user, SetLimitRequest request)
    {
        var principal = authorizer.Require(user, SemsScopes.LimitsWrite, request.District, "SetLimit");
        var info = await grains.Info(request.District);
        // The node is checked by the limits grain with the rest of the profile, so every problem is named at once.
        var profile = LimitMapping.Profile(request);
        if (request.Assess && !info.Running)
            throw ApiException.FailedPrecondition($"district \"{request.District}\" is not running, so no coordination run can assess the limit: start it, or set the limit without assess");

        var result = await grains.Limits(request.District).Apply(new LimitCommand(request.RequestId, principal.Subject, profile, null,
            request.ExpectedEtag.Length > 0 ? request.ExpectedEtag : null));
        var version = LimitMapping.Accepted(request.District, result);
        if (!result.Replayed)
        {
            audit.Write(request.District, principal.Subject, "limit.set", version.Version, string.Create(CultureInfo.InvariantCulture,
                $"{profile.Resource} from {profile.Start:O}, {profile.ImportMaxKw.Length} × {profile.Resolution.TotalMinutes:0.##} min, max {profile.ImportMaxKw.DefaultIfEmpty().Max():0.###} kW; {Text.Cut(profile.Reason)}"), request.RequestId);
        }

        if (!request.Assess) return new SetLimitResponse { Limit = LimitMapping.ToProto(request.District, version) };
        var assessment = await Assess(request.District, profile, StatusBuilder.ResolveNode(info, request.Node));
        // The assessing cycle planned with the version: its state is no longer the VALIDATED it was accepted in.
        var planned = (await grains.Limits(request.District).List(null, profile.Resource, includeSuperseded: true)).FirstOrDefault(v => v.Version == version.Version) ?? version;
        return new SetLimitResponse { Limit = LimitMapping.ToProto(request.District, planned), Assessment = assessment };
    }

    public async Task<ListLimitsResponse> ListLimits(ClaimsPrincipal user, ListLimitsRequest request)
    {
        authorizer.Require(user, SemsScopes.StatusRead, request.District, "ListLimits");
        var info = await grains.Info(request.District);
        StatusBuilder.CheckNode(info, request.Node);
        var versions = await grains.Limits(request.District).List(request.Node.Length > 0 ? request.Node : null,
            request.Resource.Length > 0 ? request.Resource : null, request.IncludeSuperseded);
        var response = new ListLimitsResponse();
        response.Limits.Add(versions.Select(v => LimitMapping.ToProto(request.District, v)));
        return response;
    }

    public async Task<Sems.Api.V1.LimitVersion> CancelLimit(ClaimsPrincipal user, CancelLimitRequest request)
    {
        var principal = authorizer.Require(user, SemsScopes.LimitsWrite, request.District, "CancelLimit");
        await grains.Info(request.District);
        var result = await grains.Limits(request.District).Apply(new LimitCommand(request.RequestId, principal.Subject, null, request.Version,
            request.ExpectedEtag.Length > 0 ? request.ExpectedEtag : null, request.Reason));
        var version = LimitMapping.Accepted(request.District, result);
        if (!result.Replayed) audit.Write(request.District, principal.Subject, "limit.cancel", version.Version, Text.Cut(request.Reason), request.RequestId);
        return LimitMapping.ToProto(request.District, version);
    }

    public async Task<FlexibilityReport> GetFlexibility(ClaimsPrincipal user, GetFlexibilityRequest request)
    {
        authorizer.Require(user, SemsScopes.StatusRead, request.District, "GetFlexibility");
        var info = await grains.Info(request.District);
        var nodeId = StatusBuilder.ResolveNode(info, request.Node);
        var reports = await grains.Coordinator(request.District).GetReports(1);
        var resource = StatusBuilder.ChooseResource(info, reports.LastOrDefault(), request.Resource);
        // A node's flexibility is that of the subsystems in its subtree (the root's: all of them).
        var below = StatusBuilder.Subtree(info, nodeId);
        var flex = await Task.WhenAll(info.Subsystems.Where(s => below.Contains(s.Id)).Select(async s => (s, await grains.Subsystem(request.District, s.Id).GetFlexibility(resource))));
        var steps = info.Shared.HorizonSteps;
        var report = new FlexibilityReport
        {
            District = request.District,
            Node = request.Node,
            Resource = resource,
            Resolution = Duration.FromTimeSpan(TimeSpan.FromMinutes(info.Shared.StepMinutes)),
            Currency = info.Shared.Currency ?? "",
        };
        var down = new double[steps];
        var up = new double[steps];
        foreach (var (subsystem, f) in flex.OrderBy(f => f.s.Priority))
        {
            var entry = new SubsystemFlexibility { Id = subsystem.Id, Priority = subsystem.Priority };
            if (f is null)
            {
                entry.Note = "no plan to move from yet";
                report.Subsystems.Add(entry);
                continue;
            }

            report.Cycle = Math.Max(report.Cycle, f.Cycle);
            report.Start ??= Timestamp.FromDateTimeOffset(f.PlanStart);
            entry.Method = f.Method;
            entry.PlannedImportKw.Add(f.PlannedKw);
            entry.DownKw.Add(f.DownKw);
            entry.UpKw.Add(f.UpKw);
            entry.MarginalCostDownPerKwh.Add(f.MarginalCostDownPerKwh);
            entry.MarginalCostUpPerKwh.Add(f.MarginalCostUpPerKwh);
            for (var i = 0; i < Math.Min(steps, f.DownKw.Length); i++)
            {
                down[i] += f.DownKw[i];
                up[i] += f.UpKw[i];
            }

            report.Subsystems.Add(entry);
        }

        report.TotalDownKw.Add(down);
        report.TotalUpKw.Add(up);
        return report;
    }

    /// <summary>
    /// Runs the district's cycle now with the new limit in force (it waits for a running cycle) and assesses every
    /// interval of the profile inside the plan's horizon: planned import after coordination, the minimum every subsystem
    /// can reach together (its plan less its downward flexibility), the shortfall.
    /// </summary>
    private async Task<Assessment> Assess(string district, LimitProfile profile, string nodeId)
    {
        var report = await grains.Coordinator(district).RunCycle();
        var info = await grains.Info(district);
        var isRoot = info.Nodes.Length == 0 || nodeId == info.Nodes[0].Id;
        var drawn = isRoot ? report.DrawAfterKw.GetValueOrDefault(profile.Resource) : report.Nodes.GetValueOrDefault(nodeId)?.GetValueOrDefault(profile.Resource)?.DrawAfterKw;
        var steps = drawn?.Length ?? info.Shared.HorizonSteps;
        var planned = drawn ?? new double[steps];
        var minimum = new double[steps];
        var below = StatusBuilder.Subtree(info, nodeId);
        var subsystems = info.Subsystems.Where(s => below.Contains(s.Id)).ToArray();
        var flex = await Task.WhenAll(subsystems.Select(s => grains.Subsystem(district, s.Id).GetFlexibility(profile.Resource)));
        var outcomes = report.Subsystems.ToDictionary(s => s.SubsystemId, StringComparer.Ordinal);
        for (var k = 0; k < subsystems.Length; k++)
        {
            var counted = outcomes.GetValueOrDefault(subsystems[k].Id)?.CountedDrawKw.GetValueOrDefault(profile.Resource);
            for (var i = 0; i < steps; i++)
            {
                minimum[i] += flex[k] is { } f && i < f.PlannedKw.Length ? f.PlannedKw[i] - f.DownKw[i] : counted is not null && i < counted.Length ? counted[i] : 0;
            }
        }

        var request = new LimitRequest(profile.Node, profile.Resource, profile.Start, profile.Resolution, profile.ImportMaxKw, profile.ExportMaxKw, profile.FallbackImportMaxKw, profile.Reason);
        var intervals = LimitAssessment.Assess(request, report.Start, report.StepMinutes, planned, minimum);
        var assessment = new Assessment
        {
            PlanCycle = report.Cycle,
            Start = Timestamp.FromDateTimeOffset(profile.Start),
            Resolution = Duration.FromTimeSpan(profile.Resolution),
            ComputedAt = Timestamp.FromDateTimeOffset(report.ComputedAt),
            IntervalsBeyondHorizon = profile.ImportMaxKw.Length - intervals.Count,
        };
        foreach (var interval in intervals)
        {
            assessment.LimitKw.Add(interval.LimitKw);
            assessment.PlannedImportKw.Add(interval.PlannedImportKw);
            assessment.MinAchievableImportKw.Add(interval.MinAchievableImportKw);
            assessment.ShortfallKw.Add(interval.ShortfallKw);
            assessment.IntervalCompliant.Add(interval.Compliant);
        }

        assessment.Compliant = intervals.All(i => i.Compliant);
        var short_ = intervals.Where(i => !i.Compliant).ToList();
        assessment.Note = short_.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"the plan of cycle {report.Cycle} keeps the limit on all {intervals.Count} interval(s) inside its horizon")
            : string.Create(CultureInfo.InvariantCulture, $"the plan of cycle {report.Cycle} falls short on {short_.Count} of {intervals.Count} interval(s), by up to {short_.Max(i => i.ShortfallKw):0.###} kW");
        return assessment;
    }
}
