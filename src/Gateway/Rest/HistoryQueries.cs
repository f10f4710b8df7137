using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Contracts.History;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;
using Sems.Grains;

namespace Sems.Gateway.Rest;

/// <summary>
/// GET …/history and …/kpis: records of the history store the silo registered (<see cref="IHistoryReader"/>, in memory
/// or PostgreSQL), oldest first, at most <see cref="MaxRecords"/> per call with a <c>truncated</c> flag; a gateway
/// without one answers 503. The window is <c>from</c> (inclusive) to <c>to</c> (exclusive), ISO 8601 in UTC; without
/// <c>from</c> it starts 24 h before <c>to</c> (or before now on the SEMS clock), without <c>to</c> it has no end.
/// Scope status.read; the audit kind also needs districts.admin.
/// </summary>
internal sealed class HistoryQueries(DistrictGrains grains, Authorizer authorizer, IServiceProvider services, ILogger<HistoryQueries> logger)
{
    /// <summary>The most records one call returns.</summary>
    public const int MaxRecords = 10_000;

    /// <summary>The window when <c>from</c> is not given.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    /// <summary>The kinds of the query, as the API names them, in the order they are read when none is named.</summary>
    public static IReadOnlyList<(string Name, HistoryKind Kind)> Kinds { get; } =
    [
        ("measurements", HistoryKind.Measurement),
        ("plans", HistoryKind.Plan),
        ("setpoints", HistoryKind.Setpoint),
        ("reports", HistoryKind.Report),
        ("limits", HistoryKind.LimitChange),
        ("forecasts", HistoryKind.Forecast),
        ("audit", HistoryKind.Audit),
    ];

    public Task History(HttpContext http, string district) => RestResponses.Run(http, logger, async () =>
    {
        authorizer.Require(http, SemsScopes.StatusRead, district, "GetHistory");
        var kindText = RestQuery.Text(http, "kind", "kind");
        HistoryKind? named = kindText.Length == 0 ? null : ParseKind(kindText);
        if (named == HistoryKind.Audit) authorizer.Require(http, SemsScopes.DistrictsAdmin, district, "GetHistory");
        var (from, to) = Window(http);
        await grains.Info(district);
        var reader = Reader();

        var mayAudit = ApiPrincipal.TryFrom(http.User, out var principal, out _) && principal.Has(SemsScopes.DistrictsAdmin);
        var kinds = named is { } k ? [k] : Kinds.Select(x => x.Kind).Where(x => x != HistoryKind.Audit || mayAudit).ToArray();
        var records = new List<HistoryRecord>();
        foreach (var kind in kinds) records.AddRange(await reader.ReadAsync(district, kind, from, to, MaxRecords + 1, http.RequestAborted));
        var ordered = records.OrderBy(r => r.At).ToList();
        var truncated = ordered.Count > MaxRecords;
        if (truncated) ordered.RemoveRange(MaxRecords, ordered.Count - MaxRecords);

        var list = new JsonArray();
        foreach (var record in ordered) list.Add(ToJson(record));
        var page = new JsonObject
        {
            ["district"] = district,
            ["kind"] = named is { } only ? NameOf(only) : null,
            ["from"] = UtcTimeJsonConverter.Format(from),
            ["to"] = to is { } end ? UtcTimeJsonConverter.Format(end) : null,
            ["count"] = ordered.Count,
            ["maxRecords"] = MaxRecords,
            ["truncated"] = truncated,
            ["records"] = list,
        };
        await RestResponses.WriteJson(http, page);
    });

    public Task Kpis(HttpContext http, string district) => RestResponses.Run(http, logger, async () =>
    {
        authorizer.Require(http, SemsScopes.StatusRead, district, "GetKpis");
        var (from, to) = Window(http);
        await grains.Info(district);
        var reader = Reader();
        var reports = (await reader.ReadAsync(district, HistoryKind.Report, from, to, MaxRecords + 1, http.RequestAborted)).OfType<ReportRecord>().ToList();
        var truncated = reports.Count > MaxRecords;
        if (truncated) reports.RemoveRange(MaxRecords, reports.Count - MaxRecords);
        var kpis = DistrictKpis.Compute(district, from, to, reports, truncated);
        await RestResponses.WriteJson(http, JsonSerializer.SerializeToNode(kpis, RestResponses.JsonOptions)!);
    });

    /// <summary>The record as JSON: <c>kind</c> as the query names it, <c>district</c>, <c>at</c>, then its fields in camelCase.</summary>
    public static JsonObject ToJson(HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var fields = JsonSerializer.SerializeToNode(record, record.GetType(), RestResponses.JsonOptions)!.AsObject();
        var json = new JsonObject { ["kind"] = NameOf(record.Kind), ["district"] = record.District, ["at"] = UtcTimeJsonConverter.Format(record.At) };
        foreach (var (name, value) in fields.ToList())
        {
            if (json.ContainsKey(name)) continue;
            fields.Remove(name);
            json[name] = value;
        }

        return json;
    }

    public static string NameOf(HistoryKind kind) => Kinds.First(k => k.Kind == kind).Name;

    private static HistoryKind ParseKind(string text)
    {
        var name = text == "set-points" ? "setpoints" : text;
        foreach (var (known, kind) in Kinds)
        {
            if (known == name) return kind;
        }

        throw ApiException.Invalid("kind", $"\"{Text.Cut(text)}\" is not a kind of history: give one of {string.Join(", ", Kinds.Select(k => k.Name))}");
    }

    private (DateTimeOffset From, DateTimeOffset? To) Window(HttpContext http)
    {
        var to = RestQuery.Time(http, "to", "to");
        var from = RestQuery.Time(http, "from", "from") ?? (to ?? Clock().GetUtcNow()) - DefaultWindow;
        if (to is { } end && end <= from)
            throw ApiException.Invalid("to", string.Create(CultureInfo.InvariantCulture, $"{end:O} is not after from ({from:O}): the window is from (inclusive) to (exclusive)"));
        return (from, to);
    }

    /// <summary>The clock the grains run on (a simulation's own), else the host's.</summary>
    private TimeProvider Clock() => services.GetKeyedService<TimeProvider>(SemsGrainOptions.Clock) ?? services.GetRequiredService<TimeProvider>();

    private IHistoryReader Reader() => services.GetService<IHistoryReader>()
        ?? throw new ApiException(StatusCode.Unavailable, "this gateway has no history store to read: the history is served where the silo runs (sems serve, or a gateway configured with the history's database)");
}
