using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Contracts;
using Sems.Contracts.History;
using Sems.Contracts.Limits;
using Sems.Engine.Limits;
using EngineContext = Sems.Engine.Limits.LimitContext;
using EngineVersion = Sems.Engine.Limits.LimitVersion;

namespace Sems.Grains;

/// <summary>
/// A district's DSO limit versions. Validation and the schedule (which version sets which step, supersession, fallback,
/// states) are the engine's pure <see cref="LimitRules"/> and <see cref="LimitSchedule"/>; this grain keeps the versions,
/// answers a retried request id with its first answer, checks etags, records every accepted change in the history and
/// tells the district's status grain. A rejected command writes nothing.
/// </summary>
public sealed class GridLimitsGrain(
    [PersistentState("district-limits", SemsGrainOptions.Storage)] IPersistentState<GridLimitsState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    ILogger<GridLimitsGrain> logger,
    IHistorySink? history = null) : Grain, IGridLimitsGrain
{
    /// <summary>Request ids are remembered this long (a client retries within minutes, not days).</summary>
    public static readonly TimeSpan AnswersKept = TimeSpan.FromDays(2);

    /// <summary>At most this many versions are kept; the oldest ended ones go first.</summary>
    public const int VersionsKept = 5000;

    private readonly IHistorySink _history = history ?? NullHistorySink.Instance;

    public async Task SetContext(Sems.Contracts.Limits.LimitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (state.State.Context == context) return;
        state.State.Context = context;
        await state.WriteStateAsync();
    }

    public async Task<LimitCommandResult> Apply(LimitCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.Context is not { } context) return new(LimitOutcomeKind.NotConfigured, null, []);
        var now = clock.GetUtcNow();
        var requestProblems = RequestIdProblems(command.RequestId);
        if (requestProblems.Length > 0) return new(LimitOutcomeKind.Invalid, null, requestProblems);

        var fingerprint = Fingerprint(command);
        if (state.State.Answers.TryGetValue(command.RequestId, out var answer))
        {
            if (answer.Fingerprint != fingerprint)
                return new(LimitOutcomeKind.Invalid, null, [new("request_id", $"\"{command.RequestId}\" was already used for a different request at {answer.At:O}; use a new id")]);
            var first = state.State.Versions.FirstOrDefault(v => v.Version == answer.Version);
            return new(answer.Outcome, first is null ? null : ToRecord(first, now), [], Replayed: true);
        }

        return command.Profile is { } profile ? await Add(command, profile, context, fingerprint, now)
            : command.CancelVersion is { } version ? await Cancel(command, version, fingerprint, now)
            : new(LimitOutcomeKind.Invalid, null, [new("import_max_kw", "a request must give a profile or a version to cancel")]);
    }

    public Task<LimitVersionRecord[]> List(string? node, string? resource, bool includeSuperseded)
    {
        var now = clock.GetUtcNow();
        var records = state.State.Versions
            .Where(v => (node is null || SameNode(v.Profile.Node, node)) && (resource is null || v.Profile.Resource == resource))
            .OrderByDescending(v => v.Version)
            .Select(v => ToRecord(v, now))
            .Where(r => includeSuperseded || r.State != nameof(LimitState.Superseded).ToUpperInvariant())
            .ToArray();
        return Task.FromResult(records);
    }

    public async Task<EffectiveLimits> GetEffective(DateTimeOffset horizonStart, int steps, IReadOnlyDictionary<string, double[]> baseKw, bool planned)
    {
        ArgumentNullException.ThrowIfNull(baseKw);
        var effective = Effective(RootNode, horizonStart, steps, baseKw);
        await MarkPlanned(planned);
        return effective;
    }

    public async Task<IReadOnlyDictionary<string, EffectiveLimits>> GetEffectivePerNode(DateTimeOffset horizonStart, int steps,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> baseKwPerNode, bool planned)
    {
        ArgumentNullException.ThrowIfNull(baseKwPerNode);
        var answer = new Dictionary<string, EffectiveLimits>(StringComparer.Ordinal);
        foreach (var (node, baseKw) in baseKwPerNode) answer[node] = Effective(Canonical(node), horizonStart, steps, baseKw);
        await MarkPlanned(planned);
        return answer;
    }

    /// <summary>The versions of one node (canonical id) over its base limits; resources that only a version of that node limits are added.</summary>
    private EffectiveLimits Effective(string node, DateTimeOffset horizonStart, int steps, IReadOnlyDictionary<string, double[]> baseKw)
    {
        var kw = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var versions = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var fallback = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        var engine = EngineVersions();
        var stepMinutes = state.State.Context?.StepMinutes ?? 15;
        var resources = baseKw.Keys.Concat(state.State.Versions.Where(v => SameNode(v.Profile.Node, node)).Select(v => v.Profile.Resource)).Distinct(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var baseline = baseKw.TryGetValue(resource, out var given) ? given : Enumerable.Repeat(double.PositiveInfinity, steps).ToArray();
            var effective = LimitSchedule.Effective(engine, node, resource, horizonStart, stepMinutes, steps, baseline);
            if (!baseKw.ContainsKey(resource) && effective.Kw.All(double.IsPositiveInfinity)) continue;
            kw[resource] = effective.Kw;
            versions[resource] = effective.VersionPerStep.Select(v => v ?? 0).ToArray();
            fallback[resource] = effective.FallbackPerStep;
        }

        return new EffectiveLimits(kw, versions, fallback);
    }

    /// <summary>Written only when a version set since the last cycle is now planned with (it stops being VALIDATED).</summary>
    private async Task MarkPlanned(bool planned)
    {
        if (planned && state.State.Context is not null && state.State.Versions.Any(v => state.State.LastPlannedAt is not { } last || v.SetAt > last))
        {
            state.State.LastPlannedAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }
    }

    private async Task<LimitCommandResult> Add(LimitCommand command, LimitProfile profile, Sems.Contracts.Limits.LimitContext context, string fingerprint, DateTimeOffset now)
    {
        var node = profile.Node is null ? null : Canonical(profile.Node);
        // The engine's rules know the district root; a node of the grid is checked here and the rest of the profile
        // is validated as the root's would be.
        var known = node is not null && (node.Length == 0 || context.Nodes.Contains(node, StringComparer.Ordinal));
        var request = ToEngine(known ? profile with { Node = RootNode } : profile);
        var engineContext = new EngineContext(context.DistrictName, context.StepMinutes, context.HorizonSteps, context.Resources.ToHashSet(StringComparer.Ordinal), now);
        var violations = LimitRules.Validate(request, engineContext).Select(v => new LimitViolation(v.Field, NodeRule(v.Field, v.Description, profile.Node, context))).ToArray();
        if (violations.Length > 0) return new(LimitOutcomeKind.Invalid, null, violations);

        if (command.ExpectedEtag is { Length: > 0 } expected)
        {
            var newest = state.State.Versions.Where(v => SameNode(v.Profile.Node, profile.Node ?? RootNode) && v.Profile.Resource == profile.Resource).MaxBy(v => v.Version);
            var current = newest is null ? "" : ToEngine(newest).Etag;
            if (!string.Equals(current, expected, StringComparison.Ordinal)) return new(LimitOutcomeKind.EtagMismatch, null,
                [new("expected_etag", $"\"{expected}\" is not the etag of the newest {profile.Resource} limit ({(current.Length == 0 ? "there is none" : $"\"{current}\", version {newest!.Version}")})")]);
        }

        var stored = new StoredLimitVersion(state.State.NextVersion, profile with { Node = node ?? RootNode }, command.RequestId, command.Principal, now);
        state.State.NextVersion++;
        state.State.Versions.Add(stored);
        Remember(command.RequestId, fingerprint, stored.Version, now);
        Prune(now);
        await state.WriteStateAsync();
        Record(stored, "set", now);
        await GrainFactory.GetGrain<IDistrictStatusGrain>(this.GetPrimaryKeyString()).PublishLimitChange(stored.Version);
        return new(LimitOutcomeKind.Accepted, ToRecord(stored, now), []);
    }

    private async Task<LimitCommandResult> Cancel(LimitCommand command, long version, string fingerprint, DateTimeOffset now)
    {
        var index = state.State.Versions.FindIndex(v => v.Version == version);
        if (index < 0) return new(LimitOutcomeKind.NotFound, null, [new("version", string.Create(CultureInfo.InvariantCulture, $"{version} is not a limit version of this district"))]);
        var target = state.State.Versions[index];
        var engine = ToEngine(target);
        if (command.ExpectedEtag is { Length: > 0 } expected && !string.Equals(engine.Etag, expected, StringComparison.Ordinal))
            return new(LimitOutcomeKind.EtagMismatch, null, [new("expected_etag", $"\"{expected}\" is not the etag of version {version} (\"{engine.Etag}\")")]);
        if (target.CancelledAt is { } cancelled)
            return new(LimitOutcomeKind.Invalid, null, [new("version", string.Create(CultureInfo.InvariantCulture, $"{version} was already cancelled at {cancelled:O}"))]);
        if (engine.End <= now)
            return new(LimitOutcomeKind.Invalid, null, [new("version", string.Create(CultureInfo.InvariantCulture, $"{version} has already ended at {engine.End:O}; there is nothing left to cancel"))]);
        if (command.CancelReason is { Length: > 500 } reason)
            return new(LimitOutcomeKind.Invalid, null, [new("reason", string.Create(CultureInfo.InvariantCulture, $"{reason.Length} characters is longer than the 500 allowed"))]);

        var updated = target with { CancelledAt = now, CancelledBy = command.Principal };
        state.State.Versions[index] = updated;
        Remember(command.RequestId, fingerprint, version, now);
        Prune(now);
        await state.WriteStateAsync();
        Record(updated, "cancel", now);
        await GrainFactory.GetGrain<IDistrictStatusGrain>(this.GetPrimaryKeyString()).PublishLimitChange(version);
        return new(LimitOutcomeKind.Accepted, ToRecord(updated, now), []);
    }

    private void Record(StoredLimitVersion version, string action, DateTimeOffset now)
    {
        var district = this.GetPrimaryKeyString();
        var profile = version.Profile;
        var principal = action == "cancel" ? version.CancelledBy ?? "" : version.SetBy;
        _history.Record(new LimitChangeRecord(district, now, profile.Resource, -1, action == "cancel" ? [] : profile.ImportMaxKw,
            string.Create(CultureInfo.InvariantCulture, $"dso:{principal}:v{version.Version}:{action}")));
        Log.LimitChanged(logger, district, version.Version, action, profile.Resource, principal);
    }

    private void Remember(string requestId, string fingerprint, long version, DateTimeOffset now) =>
        state.State.Answers[requestId] = new StoredLimitAnswer(fingerprint, LimitOutcomeKind.Accepted, version, now);

    /// <summary>Forgets old request ids and, beyond <see cref="VersionsKept"/>, the oldest versions that have ended.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, answer) in state.State.Answers.Where(a => a.Value.At < now - AnswersKept).ToList()) state.State.Answers.Remove(id);
        var excess = state.State.Versions.Count - VersionsKept;
        if (excess <= 0) return;
        var ended = state.State.Versions.Where(v => ToEngine(v).End <= now || v.CancelledAt is not null).OrderBy(v => v.Version).Take(excess).Select(v => v.Version).ToHashSet();
        state.State.Versions.RemoveAll(v => ended.Contains(v.Version));
    }

    private LimitVersionRecord ToRecord(StoredLimitVersion stored, DateTimeOffset now)
    {
        var all = EngineVersions();
        var engine = ToEngine(stored);
        // Before the first cycle has planned with any limit, every version is still VALIDATED.
        var limitState = LimitSchedule.StateAt(engine, all, now, state.State.LastPlannedAt ?? DateTimeOffset.MinValue);
        var overlaps = LimitSchedule.Overlapped(all.Where(v => v.Version < stored.Version).ToList(), engine.Request).ToArray();
        return new LimitVersionRecord(stored.Version, engine.Etag, limitState.ToString().ToUpperInvariant(), stored.Profile, stored.RequestId,
            stored.SetBy, stored.SetAt, stored.CancelledAt, stored.CancelledBy, engine.End, overlaps);
    }

    private List<EngineVersion> EngineVersions() => state.State.Versions.Select(ToEngine).ToList();

    private static EngineVersion ToEngine(StoredLimitVersion v) => new(v.Version, ToEngine(v.Profile), v.SetBy, v.SetAt, v.CancelledAt);

    private static LimitRequest ToEngine(LimitProfile p) =>
        new(p.Node, p.Resource, p.Start, p.Resolution, p.ImportMaxKw, p.ExportMaxKw, p.FallbackImportMaxKw, p.Reason);

    /// <summary>The district root as versions are stored: "", the district's name and the grid root's id all name it.</summary>
    private const string RootNode = "";

    private bool SameNode(string a, string b) => Canonical(a) == Canonical(b);

    private string Canonical(string node) =>
        node.Length == 0 || node == state.State.Context?.DistrictName || (state.State.Context?.Nodes is { Length: > 0 } nodes && node == nodes[0]) ? RootNode : node;

    /// <summary>The engine's node rule names the root only; with a grid, the answer lists the nodes a limit may be set on.</summary>
    private static string NodeRule(string field, string description, string? node, Sems.Contracts.Limits.LimitContext context)
    {
        if (field != "node" || context.Nodes.Length == 0 || node is null) return description;
        var shown = node.Length > 120 ? node[..120] + "…" : node;
        var listed = string.Join(", ", context.Nodes.Take(20).Select(n => $"\"{n}\"")) + (context.Nodes.Length > 20 ? $", … ({context.Nodes.Length} nodes)" : "");
        return $"\"{shown}\" is not a node of the grid of district \"{context.DistrictName}\": give \"\" (the root) or one of {listed}";
    }

    private static LimitViolation[] RequestIdProblems(string requestId) =>
        Guid.TryParse(requestId, out _) && requestId.Length is 36 or 38
            ? []
            : [new("request_id", $"\"{(requestId.Length > 120 ? requestId[..120] + "…" : requestId)}\" is not a UUID (e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301): a retry must be recognisable")];

    /// <summary>SHA-256 over what the command asks for (not who asks: a retry by the same client is the same request).</summary>
    private static string Fingerprint(LimitCommand c)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{c.CancelVersion}|{c.ExpectedEtag}|{c.CancelReason}|");
        if (c.Profile is { } p)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Node}|{p.Resource}|{p.Start.UtcTicks}|{p.Resolution.Ticks}|{p.FallbackImportMaxKw:R}|{p.Reason}|");
            foreach (var v in p.ImportMaxKw) text.Append(CultureInfo.InvariantCulture, $"{v:R},");
            text.Append('|');
            foreach (var v in p.ExportMaxKw ?? []) text.Append(CultureInfo.InvariantCulture, $"{v:R},");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
