using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sems.Contracts;
using Sems.Contracts.History;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;
using Sems.Grains;

namespace Sems.Gateway.Dashboard;

/// <summary>
/// Builds <see cref="DashboardView"/>: per store the planned SoC of the plan its subsystem holds and its bounds (from
/// the store's asset grain), the set-points in force (<see cref="TelemetryOperations.Setpoints"/>, when the token grants
/// setpoints.read) and, from the history store when the host has one, each <c>demand:</c> forecast series of the last
/// <see cref="HistoryWindow"/> beside the measured power of the demand it forecasts.
/// </summary>
internal sealed class DashboardViewBuilder(DistrictGrains grains, TelemetryOperations telemetry, Authorizer authorizer, IServiceProvider services)
{
    /// <summary>How far back forecasts and measurements are read.</summary>
    public static readonly TimeSpan HistoryWindow = TimeSpan.FromHours(24);

    /// <summary>At most this many records of each kind are read for one view.</summary>
    public const int MaxHistoryRecords = 20_000;

    /// <summary>The prefix of the forecast series compared with measurements: a series demand's forecast, in kW.</summary>
    public const string DemandSeriesPrefix = "demand:";

    private readonly IHistoryReader? _history = services.GetService<IHistoryReader>();
    private readonly TimeProvider _clock = services.GetKeyedService<TimeProvider>(SemsGrainOptions.Clock) ?? services.GetService<TimeProvider>() ?? TimeProvider.System;

    public async Task<DashboardView> Build(HttpContext context, string district, CancellationToken cancel)
    {
        var principal = authorizer.Require(context, SemsScopes.StatusRead, district, "GetDashboard");
        var info = await grains.Info(district);
        var reports = await grains.Coordinator(district).GetReports(1);
        var report = reports.Length > 0 ? reports[^1] : null;

        var stores = await Stores(info);
        IReadOnlyList<SetpointView>? setpoints = null;
        string? note = null;
        if (principal.Has(SemsScopes.SetpointsRead))
        {
            var list = await telemetry.Setpoints(info, "", "");
            setpoints = [.. list.Setpoints.Select(s => new SetpointView(s.Subsystem, s.Asset, s.Key, s.Value, s.Unit, s.ValidFrom.ToDateTimeOffset(), s.ValidUntil.ToDateTimeOffset(), s.Cycle, s.Source))];
        }
        else
        {
            note = $"token of {principal.Subject} lacks scope {SemsScopes.SetpointsRead}: set-points are not shown";
        }

        // The SEMS clock's now: the end of the latest cycle's first step (its clock may be simulated), else the host's clock.
        var now = report is not null ? report.Start.AddMinutes(report.StepMinutes) : _clock.GetUtcNow();
        var from = now - HistoryWindow;
        var to = (report?.Start ?? now).AddMinutes((double)info.Shared.StepMinutes * info.Shared.HorizonSteps);
        var forecasts = _history is null ? [] : await Forecasts(_history, info, from, to, cancel);

        return new DashboardView(info.District, info.Running, info.Shared.StepMinutes, info.Shared.HorizonSteps,
            report?.Cycle, report?.Start, stores, setpoints, note, _history is not null, from, to, forecasts);
    }

    private async Task<IReadOnlyList<StoreView>> Stores(DistrictInfo info)
    {
        var results = await Task.WhenAll(info.Subsystems.Select(async s => (Subsystem: s.Id, Result: await grains.Subsystem(info.District, s.Id).GetResult())));
        var views = new List<StoreView>();
        foreach (var (subsystem, result) in results)
        {
            if (result is null) continue;
            foreach (var store in result.Stores)
            {
                var snapshot = await grains.Asset(info.District, subsystem, store.Id).GetSnapshot();
                var definition = snapshot.Definition;
                var socMin = definition is { ValidMin.Length: > 0 } ? definition.ValidMin[0] : Math.Min(0, store.SocKwh.DefaultIfEmpty(0).Min());
                var socMax = definition is { ValidMax.Length: > 0 } ? definition.ValidMax[0] : store.SocKwh.DefaultIfEmpty(0).Max();
                var measured = snapshot.Latest is { Values.Length: > 0 } latest && latest.Quantity == "soc" ? latest : null;
                views.Add(new StoreView(subsystem, store.Id, store.EnergyType, result.Cycle, socMax, socMin, store.SocKwh,
                    measured?.Values[0], measured?.Timestamp));
            }
        }

        return views;
    }

    private static async Task<IReadOnlyList<ForecastComparison>> Forecasts(IHistoryReader history, DistrictInfo info, DateTimeOffset from, DateTimeOffset to, CancellationToken cancel)
    {
        var forecasts = (await history.ReadAsync(info.District, HistoryKind.Forecast, from, to, MaxHistoryRecords, cancel))
            .OfType<ForecastRecord>()
            .Where(f => f.Series.StartsWith(DemandSeriesPrefix, StringComparison.Ordinal))
            .ToList();
        if (forecasts.Count == 0) return [];
        var measurements = (await history.ReadAsync(info.District, HistoryKind.Measurement, from, to, MaxHistoryRecords, cancel))
            .OfType<MeasurementRecord>()
            .Where(m => m.Accepted && m.Quantity == "power" && m.Values.Count > 0)
            .ToList();

        var views = new List<ForecastComparison>();
        foreach (var series in forecasts.GroupBy(f => (f.Subsystem, f.Series)).OrderBy(g => g.Key.Subsystem, StringComparer.Ordinal).ThenBy(g => g.Key.Series, StringComparer.Ordinal))
        {
            var asset = series.Key.Series[DemandSeriesPrefix.Length..];
            // Oldest first, so a newer forecast for the same step replaces an older one.
            var byStep = new SortedDictionary<DateTimeOffset, double>();
            foreach (var record in series.OrderBy(f => f.At).ThenBy(f => f.Cycle))
            {
                for (var i = 0; i < record.Values.Count; i++)
                {
                    var at = record.At.AddMinutes((double)i * record.StepMinutes);
                    if (at >= from && at < to) byStep[at] = record.Values[i];
                }
            }

            var measured = measurements
                .Where(m => m.Subsystem == series.Key.Subsystem && m.Asset == asset)
                .OrderBy(m => m.At)
                .Select(m => new TimedValue(m.At, m.Values[0]))
                .ToList();
            views.Add(new ForecastComparison(series.Key.Subsystem, asset, series.Key.Series, "kW",
                [.. byStep.Select(p => new TimedValue(p.Key, p.Value))], measured));
        }

        return views;
    }
}
