using Google.Protobuf.WellKnownTypes;
using Sems.Api.V1;
using Sems.Contracts.Limits;

namespace Sems.Gateway.Api;

/// <summary>Between the API's limit messages and the limits grain's records.</summary>
internal static class LimitMapping
{
    /// <summary>The profile a request asks for, or every problem of its shape (missing start or resolution, a negative resolution).</summary>
    public static LimitProfile Profile(SetLimitRequest request)
    {
        var problems = new List<LimitViolation>();
        if (request.Start is null) problems.Add(new("start", "is missing: give the time of the first interval (UTC)"));
        if (request.Resolution is null) problems.Add(new("resolution", "is missing: give the length of one interval (a whole number of the district's steps)"));
        TimeSpan resolution = default;
        DateTimeOffset start = default;
        try
        {
            if (request.Resolution is not null) resolution = request.Resolution.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            problems.Add(new("resolution", $"{request.Resolution} is not a valid duration"));
        }

        try
        {
            if (request.Start is not null) start = request.Start.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            problems.Add(new("start", $"{request.Start} is not a valid timestamp"));
        }

        if (problems.Count > 0) throw ApiException.Invalid(problems);
        return new LimitProfile(request.Node, request.Resource, start, resolution, request.ImportMaxKw.ToArray(),
            request.ExportMaxKw.Count > 0 ? request.ExportMaxKw.ToArray() : null,
            request.HasFallbackImportMaxKw ? request.FallbackImportMaxKw : null, request.Reason);
    }

    public static LimitVersion ToProto(string district, LimitVersionRecord r)
    {
        var v = new LimitVersion
        {
            Version = r.Version,
            Etag = r.Etag,
            State = State(r.State),
            District = district,
            Node = r.Profile.Node,
            Resource = r.Profile.Resource,
            Start = Timestamp.FromDateTimeOffset(r.Profile.Start),
            Resolution = Duration.FromTimeSpan(r.Profile.Resolution),
            Reason = r.Profile.Reason,
            RequestId = r.RequestId,
            SetBy = r.SetBy,
            SetAt = Timestamp.FromDateTimeOffset(r.SetAt),
            End = Timestamp.FromDateTimeOffset(r.End),
            CancelledBy = r.CancelledBy ?? "",
        };
        v.ImportMaxKw.Add(r.Profile.ImportMaxKw);
        if (r.Profile.ExportMaxKw is { } export) v.ExportMaxKw.Add(export);
        if (r.Profile.FallbackImportMaxKw is { } fallback) v.FallbackImportMaxKw = fallback;
        if (r.CancelledAt is { } cancelled) v.CancelledAt = Timestamp.FromDateTimeOffset(cancelled);
        v.OverlapsVersions.Add(r.Overlaps);
        return v;
    }

    public static LimitState State(string state) => state switch
    {
        "VALIDATED" => LimitState.Validated,
        "SCHEDULED" => LimitState.Scheduled,
        "ACTIVE" => LimitState.Active,
        "COMPLETED" => LimitState.Completed,
        "SUPERSEDED" => LimitState.Superseded,
        "CANCELLED" => LimitState.Cancelled,
        _ => LimitState.Unspecified,
    };

    /// <summary>Throws the API error of a refused command; returns the version of an accepted one.</summary>
    public static LimitVersionRecord Accepted(string district, LimitCommandResult result) => result.Outcome switch
    {
        LimitOutcomeKind.Accepted => result.Version ?? throw new InvalidOperationException("an accepted limit command returned no version"),
        LimitOutcomeKind.Invalid => throw ApiException.Invalid(result.Violations),
        LimitOutcomeKind.EtagMismatch => throw ApiException.Aborted(result.Violations.FirstOrDefault()?.Description ?? "the expected etag does not match", result.Violations),
        LimitOutcomeKind.NotFound => throw ApiException.NotFound(result.Violations.FirstOrDefault()?.Description ?? "no such limit version"),
        LimitOutcomeKind.NotConfigured => throw ApiException.NotFound($"district \"{district}\" has no definition"),
        _ => throw new InvalidOperationException($"unknown outcome {result.Outcome}"),
    };
}
