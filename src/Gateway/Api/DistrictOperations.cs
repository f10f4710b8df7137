using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Google.Protobuf.WellKnownTypes;
using Sems.Api.V1;
using Sems.Contracts;
using Sems.Contracts.Limits;
using Sems.Engine.Districts;
using Sems.Gateway.Auth;
using Sems.Grains;

namespace Sems.Gateway.Api;

/// <summary>
/// The Districts operations: a district file is read and validated as <c>sems solve</c> reads it (every problem a field
/// violation at its JSON path), then applied atomically by the coordinator (all subsystems prepare the new version or
/// nothing changes); the same file again changes nothing. Start and stop run or halt its receding-horizon cycle.
/// </summary>
public sealed class DistrictOperations(DistrictGrains grains, Authorizer authorizer, AuditLog audit, TimeProvider time,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider? clock = null)
{
    /// <summary>Largest district file the API takes (a city's file is a few megabytes).</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    public async Task<DistrictVersion> PutDistrict(ClaimsPrincipal user, PutDistrictRequest request)
    {
        authorizer.Require(user, SemsScopes.DistrictsAdmin, null, "PutDistrict");
        var bytes = Encoding.UTF8.GetBytes(request.DistrictJson);
        if (bytes.Length == 0) throw ApiException.Invalid("district_json", "is empty: give the district file's JSON");
        if (bytes.Length > MaxFileBytes) throw ApiException.Invalid("district_json", $"{bytes.Length} bytes is more than the {MaxFileBytes} allowed");
        var read = DistrictReader.Read(bytes);
        if (!read.IsValid)
        {
            throw ApiException.Invalid(read.Errors.Take(200).Select(e => new LimitViolation(
                e.Path.Length > 0 ? $"district_json.{e.Path}" : "district_json", string.IsNullOrEmpty(e.Value) ? e.Rule : $"{e.Value} {e.Rule}")).ToArray());
        }

        var district = read.District!;
        var principal = authorizer.Require(user, SemsScopes.DistrictsAdmin, district.Name, "PutDistrict");
        var coordinator = grains.Coordinator(district.Name);
        var current = await coordinator.GetInfo();
        if (request.ExpectedEtag.Length > 0 && (current is null ? "" : Etag(current)) != request.ExpectedEtag)
            throw ApiException.Aborted($"\"{Text.Cut(request.ExpectedEtag)}\" is not the etag of district \"{district.Name}\" ({(current is null ? "it has no definition yet" : $"\"{Etag(current)}\"")})",
                [new LimitViolation("expected_etag", $"\"{Text.Cut(request.ExpectedEtag)}\" does not match")]);

        var step = TimeSpan.FromMinutes(district.StepMinutes);
        // The grains' clock (the SEMS clock: scaled in a simulation), else the host's.
        var now = (clock ?? time).GetUtcNow();
        var start = request.Start?.ToDateTimeOffset() ?? district.Start ?? new DateTimeOffset(now.Ticks - now.Ticks % step.Ticks, TimeSpan.Zero);
        var hash = DistrictDefinitions.ContentHash(request.DistrictJson);
        var problems = await coordinator.Configure(DistrictDefinitions.FromDistrict(district, hash), start);
        if (problems.Length > 0) throw ApiException.Invalid(problems.Select(p => new LimitViolation("district_json", p)).ToArray());

        var info = await grains.Info(district.Name);
        if (current?.Version != info.Version)
        {
            audit.Write(district.Name, principal.Subject, "district.put", info.Version.Number, $"definition {info.Version} with {info.Subsystems.Length} subsystem(s)", request.RequestId);
            await grains.Status(district.Name).PublishDistrictChange();
        }

        return ToProto(info);
    }

    public async Task<DistrictVersion> GetDistrict(ClaimsPrincipal user, GetDistrictRequest request)
    {
        authorizer.Require(user, SemsScopes.StatusRead, request.District, "GetDistrict");
        return ToProto(await grains.Info(request.District));
    }

    public async Task<ListDistrictsResponse> ListDistricts(ClaimsPrincipal user)
    {
        authorizer.Require(user, SemsScopes.StatusRead, null, "ListDistricts");
        var names = await grains.Directory().List();
        var response = new ListDistrictsResponse();
        foreach (var name in authorizer.Visible(user, names))
        {
            if (await grains.Coordinator(name).GetInfo() is { } info) response.Districts.Add(ToProto(info));
        }

        return response;
    }

    public async Task<DistrictVersion> StartDistrict(ClaimsPrincipal user, StartDistrictRequest request)
    {
        var principal = authorizer.Require(user, SemsScopes.DistrictsAdmin, request.District, "StartDistrict");
        var before = await grains.Info(request.District);
        await grains.Coordinator(request.District).Start();
        var info = await grains.Info(request.District);
        if (!before.Running)
        {
            audit.Write(request.District, principal.Subject, "district.start", info.Version.Number, "cycle started", "");
            await grains.Status(request.District).PublishDistrictChange();
        }

        return ToProto(info);
    }

    public async Task<DistrictVersion> StopDistrict(ClaimsPrincipal user, StopDistrictRequest request)
    {
        var principal = authorizer.Require(user, SemsScopes.DistrictsAdmin, request.District, "StopDistrict");
        var before = await grains.Info(request.District);
        await grains.Coordinator(request.District).Stop();
        var info = await grains.Info(request.District);
        if (before.Running)
        {
            audit.Write(request.District, principal.Subject, "district.stop", info.Version.Number, "cycle stopped", "");
            await grains.Status(request.District).PublishDistrictChange();
        }

        return ToProto(info);
    }

    /// <summary>Changes with the definition's version and content, not with running or stopping.</summary>
    public static string Etag(DistrictInfo info) => $"v{info.Version.Number}-{info.Version.Hash}";

    public static DistrictVersion ToProto(DistrictInfo info)
    {
        var v = new DistrictVersion
        {
            District = info.District,
            Version = info.Version.Number,
            Etag = Etag(info),
            Running = info.Running,
            ContentHash = info.Version.Hash,
            Start = Timestamp.FromDateTimeOffset(info.Start),
            StepMinutes = info.Shared.StepMinutes,
            HorizonSteps = info.Shared.HorizonSteps,
            Title = info.Shared.Title ?? info.Shared.Name,
        };
        v.Subsystems.Add(info.Subsystems.Select(s => s.Id));
        v.LimitedResources.Add(info.LimitedResources);
        v.Resources.Add(info.Resources);
        return v;
    }
}
