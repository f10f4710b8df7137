using System.Globalization;
using System.Security.Claims;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sems.Api.V1;
using Sems.Contracts;
using Sems.Contracts.Status;
using Sems.Gateway.Auth;
using Sems.Grains;

namespace Sems.Gateway.Api;

/// <summary>
/// The Telemetry operations: a batch of measurements goes to the asset grains (each judges its own: stale, future, out
/// of range, non-finite, wrong unit) and every rejection comes back with its index, reason and field; a measurement of
/// the connection point's meter (subsystem "" and asset "" or the district's name, quantity "power" in kW) becomes the
/// district's metered import, judged by the asset grains' rules on the grains' clock (<paramref name="clock"/>: the
/// keyed "sems" clock when the gateway shares the silo's services, else the host's): stale (older than the measurement
/// age allowed, or than the reading held), future (beyond the clock skew), non-finite. Set-points are read from the
/// asset grains.
/// </summary>
public sealed class TelemetryOperations(
    DistrictGrains grains,
    Authorizer authorizer,
    TimeProvider time,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider? clock = null,
    IOptions<SemsGrainOptions>? grainOptions = null)
{
    /// <summary>Largest batch the API takes in one message.</summary>
    public const int MaxBatch = 10_000;

    private readonly TimeProvider _clock = clock ?? time;
    private readonly SemsGrainOptions _measurements = grainOptions?.Value ?? new SemsGrainOptions();
    private readonly Dictionary<string, (DistrictInfo Info, DateTimeOffset Read)> _districts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<PushAck> Push(ClaimsPrincipal user, MeasurementBatch batch)
    {
        var ack = new PushAck { BatchId = batch.BatchId };
        if (batch.Measurements.Count > MaxBatch)
            throw ApiException.Invalid("measurements", string.Create(CultureInfo.InvariantCulture, $"{batch.Measurements.Count} measurements in one batch is more than the {MaxBatch} allowed"));
        foreach (var district in batch.Measurements.Select(m => m.District).Distinct(StringComparer.Ordinal))
            authorizer.Require(user, SemsScopes.TelemetryWrite, district, "Push");

        var tasks = new Task<Rejection?>[batch.Measurements.Count];
        for (var k = 0; k < tasks.Length; k++) tasks[k] = Record((uint)k, batch.Measurements[k]);
        foreach (var rejection in await Task.WhenAll(tasks))
        {
            if (rejection is null) ack.Accepted++;
            else ack.Rejections.Add(rejection);
        }

        return ack;
    }

    public async Task<SetpointList> GetSetpoints(ClaimsPrincipal user, GetSetpointsRequest request)
    {
        authorizer.Require(user, SemsScopes.SetpointsRead, request.District, "GetSetpoints");
        var info = await grains.Info(request.District);
        return await Setpoints(info, request.Subsystem, request.Asset);
    }

    /// <summary>The set-points in force of a subsystem (every subsystem when empty) and asset (every asset when empty).</summary>
    public async Task<SetpointList> Setpoints(DistrictInfo info, string subsystem, string asset)
    {
        var subsystems = subsystem.Length == 0 ? info.Subsystems
            : info.Subsystems.Where(s => s.Id == subsystem).ToArray() is { Length: 1 } found ? found
            : throw ApiException.NotFound($"subsystem \"{Text.Cut(subsystem)}\" is not part of district \"{info.District}\"");
        var assets = subsystems.SelectMany(s => s.AssetIds.Where(a => asset.Length == 0 || a == asset).Select(a => (Subsystem: s.Id, Asset: a))).ToArray();
        if (asset.Length > 0 && assets.Length == 0)
            throw ApiException.NotFound($"asset \"{Text.Cut(asset)}\" is not part of {(subsystem.Length > 0 ? $"subsystem \"{subsystem}\"" : $"district \"{info.District}\"")}");
        var setpoints = await Task.WhenAll(assets.Select(a => grains.Asset(info.District, a.Subsystem, a.Asset).GetSetpoint()));
        var list = new SetpointList { District = info.District, Subsystem = subsystem, SentAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };
        for (var k = 0; k < assets.Length; k++)
        {
            if (setpoints[k] is not { } s) continue;
            list.Cycle = Math.Max(list.Cycle, s.Cycle);
            foreach (var (key, value) in s.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                list.Setpoints.Add(new Setpoint
                {
                    Subsystem = assets[k].Subsystem,
                    Asset = assets[k].Asset,
                    Key = key,
                    Value = value,
                    Unit = UnitOf(key),
                    ValidFrom = Timestamp.FromDateTimeOffset(s.ValidFrom),
                    ValidUntil = Timestamp.FromDateTimeOffset(s.ValidUntil),
                    Cycle = s.Cycle,
                    Source = s.Source,
                });
            }
        }

        return list;
    }

    /// <summary>The unit a set-point key names by its suffix: "chargeKw" kW, "socKwh" kWh, "temperatureC" °C; else dimensionless.</summary>
    public static string UnitOf(string key) =>
        key.EndsWith("Kwh", StringComparison.Ordinal) ? "kWh"
        : key.EndsWith("Kw", StringComparison.Ordinal) ? "kW"
        : key.EndsWith('C') && key.Length > 1 && char.IsLower(key[^2]) ? "°C"
        : "";

    private async Task<Rejection?> Record(uint index, Sems.Api.V1.Measurement m)
    {
        var path = $"measurements[{index}]";
        if (m.MeasuredAt is null) return Reject(index, "invalid", "is missing: give the time of the measurement", $"{path}.measured_at");
        DistrictInfo info;
        try
        {
            info = await Info(m.District);
        }
        catch (ApiException)
        {
            return Reject(index, "unknown_asset", $"district \"{Text.Cut(m.District)}\" is not known to this cluster", $"{path}.district");
        }

        var at = m.MeasuredAt.ToDateTimeOffset();
        if (m.Subsystem.Length == 0 && (m.Asset.Length == 0 || m.Asset == info.District)) return await RecordMeter(index, path, info, m, at);
        var subsystem = info.Subsystems.FirstOrDefault(s => s.Id == m.Subsystem);
        if (subsystem is null) return Reject(index, "unknown_asset", $"subsystem \"{Text.Cut(m.Subsystem)}\" is not part of district \"{info.District}\"", $"{path}.subsystem");
        if (!subsystem.AssetIds.Contains(m.Asset, StringComparer.Ordinal))
            return Reject(index, "unknown_asset", $"asset \"{Text.Cut(m.Asset)}\" is not part of subsystem \"{subsystem.Id}\"", $"{path}.asset");
        var receipt = await grains.Asset(info.District, subsystem.Id, m.Asset).Record(new Sems.Contracts.Measurement(at, m.Quantity, m.Values.ToArray(), m.Unit));
        if (receipt.Accepted) return null;
        var reason = Reason(receipt.Category);
        var firstNotFinite = m.Values.ToList().FindIndex(v => !double.IsFinite(v));
        return Reject(index, reason, receipt.Reason ?? reason, reason switch
        {
            "wrong_unit" => $"{path}.unit",
            "wrong_quantity" => $"{path}.quantity",
            "stale" or "future" => $"{path}.measured_at",
            "non_finite" when firstNotFinite >= 0 => string.Create(CultureInfo.InvariantCulture, $"{path}.values[{firstNotFinite}]"),
            _ => $"{path}.values",
        });
    }

    private async Task<Rejection?> RecordMeter(uint index, string path, DistrictInfo info, Sems.Api.V1.Measurement m, DateTimeOffset at)
    {
        if (m.Quantity != "power") return Reject(index, "wrong_quantity", $"quantity \"{Text.Cut(m.Quantity)}\" is not \"power\" for the connection point's meter", $"{path}.quantity");
        if (m.Unit != "kW") return Reject(index, "wrong_unit", $"unit \"{Text.Cut(m.Unit)}\" is not \"kW\" for the connection point's meter", $"{path}.unit");
        if (m.Values.Count != 1) return Reject(index, "wrong_size", string.Create(CultureInfo.InvariantCulture, $"{m.Values.Count} values where the meter has 1 (import, kW)"), $"{path}.values");
        var kw = m.Values[0];
        if (!double.IsFinite(kw)) return Reject(index, "non_finite", string.Create(CultureInfo.InvariantCulture, $"value [0] = {kw} is not a finite number"), $"{path}.values[0]");
        var now = _clock.GetUtcNow();
        if (at > now + _measurements.ClockSkew) return Reject(index, "future", $"timestamp {at:O} is ahead of the clock ({now:O})", $"{path}.measured_at");
        if (at < now - _measurements.MeasurementMaxAge)
            return Reject(index, "stale", string.Create(CultureInfo.InvariantCulture, $"timestamp {at:O} is older than {_measurements.MeasurementMaxAge.TotalMinutes:0.#} min at {now:O}"), $"{path}.measured_at");
        if (Math.Abs(kw) > 1e7) return Reject(index, "out_of_range", string.Create(CultureInfo.InvariantCulture, $"{kw} kW is outside [-1e7, 1e7] kW"), $"{path}.values[0]");
        var resource = m.Resource.Length > 0 ? m.Resource : "electricity";
        if (!info.Resources.Contains(resource, StringComparer.Ordinal))
            return Reject(index, "unknown_asset", $"resource \"{Text.Cut(resource)}\" is not drawn in district \"{info.District}\"", $"{path}.resource");
        // The newest reading wins: an older one would be dropped by the status grain, so it is refused here, as an asset refuses it.
        if (await grains.Status(info.District).GetMeter(resource) is { } held && at < held.MeasuredAt)
            return Reject(index, "stale", $"timestamp {at:O} is older than the latest accepted reading ({held.MeasuredAt:O})", $"{path}.measured_at");
        await grains.Status(info.District).RecordMeter(new MeterReading(resource, kw, at));
        return null;
    }

    /// <summary>The contract's reason names for the asset grains' rejection categories.</summary>
    public static string Reason(string? category) => category switch
    {
        "not-finite" => "non_finite",
        "unconfigured" => "unknown_asset",
        null => "invalid",
        _ => category.Replace('-', '_'),
    };

    private static Rejection Reject(uint index, string reason, string detail, string field) => new() { Index = index, Reason = reason, Detail = detail, Field = field };

    /// <summary>The district's structure, cached for a few seconds: a batch of thousands of measurements asks once.</summary>
    private async Task<DistrictInfo> Info(string district)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            if (_districts.TryGetValue(district, out var cached) && now - cached.Read < TimeSpan.FromSeconds(5)) return cached.Info;
        }

        var info = await grains.Info(district);
        lock (_gate) _districts[district] = (info, now);
        return info;
    }
}
