using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Sems.Contracts;
using Sems.Engine.Districts;
using Sems.Engine.Horizon;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Grains;

/// <summary>
/// One subsystem: builds its MPC initial state from its assets' measurements (or the previous plan's prediction),
/// solves through the engine, reports plans, re-solves under tightened limits and commits set-points. Thin: the maths is
/// in Sems.Engine. Placed at random: the coordinator activates all subsystems in one burst, faster than
/// resource-optimised placement's load statistics refresh, and random placement spreads that CPU-heavy burst over the
/// cluster's silos.
/// </summary>
[RandomPlacement]
public sealed class SubsystemGrain(
    [PersistentState("subsystem", SemsGrainOptions.Storage)] IPersistentState<SubsystemState> state,
    IOptions<SemsGrainOptions> grainOptions,
    IOptions<MpcOptions> mpcOptions,
    ILogger<SubsystemGrain> logger) : Grain, ISubsystemGrain
{
    private District? _district;
    private (int Cycle, District District, Subsystem Subsystem, string InitialState)? _current;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Configuration is { } configuration) _district = DistrictReader.Read(configuration.DistrictJson).District;
        return Task.CompletedTask;
    }

    public async Task<string[]> Configure(SubsystemConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var read = DistrictReader.Read(configuration.DistrictJson);
        if (!read.IsValid) return read.Errors.Select(e => e.ToString()).ToArray();
        if (read.District!.Subsystems.Count != 1) return [$"subsystems: a subsystem grain takes exactly one subsystem, got {read.District.Subsystems.Count}"];

        _district = read.District;
        _current = null;
        state.State = new SubsystemState { Configuration = configuration };
        await state.WriteStateAsync();

        var subsystem = _district.Subsystems[0];
        var maxAge = configuration.MeasurementMaxAge;
        var assets = new List<Task>();
        foreach (var supply in subsystem.Supplies)
        {
            var max = supply.Conversions.Select(c => Math.Max(1.0, 1.5 * c.Max.Max())).ToArray();
            assets.Add(Asset(supply.Id).Configure(new AssetDefinition(subsystem.Id, supply.Id, AssetKind.Supply, "power", "kW", new double[max.Length], max, maxAge)));
        }

        foreach (var store in subsystem.Stores)
            assets.Add(Asset(store.Id).Configure(new AssetDefinition(subsystem.Id, store.Id, AssetKind.Store, "soc", "kWh", [store.SocMin], [store.SocMax], maxAge)));

        foreach (var demand in subsystem.Demands)
        {
            assets.Add(demand switch
            {
                StateSpaceDemand m => Asset(m.Id).Configure(new AssetDefinition(subsystem.Id, m.Id, AssetKind.StateSpaceDemand, "state", "°C",
                    Enumerable.Repeat(grainOptions.Value.StateMin, m.StateCount).ToArray(), Enumerable.Repeat(grainOptions.Value.StateMax, m.StateCount).ToArray(), maxAge)),
                _ => Asset(demand.Id).Configure(new AssetDefinition(subsystem.Id, demand.Id, AssetKind.SeriesDemand, "power", "kW", [0], [1e6], maxAge)),
            });
        }

        await Task.WhenAll(assets);
        return [];
    }

    public async Task<string[]> SetForecast(int cycle, IReadOnlyDictionary<string, double[]> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (_district is null) return [$"subsystem {this.GetPrimaryKeyString()} is not configured"];
        var (_, problems) = ForecastOverlay.Apply(RecedingHorizon.Shift(_district, cycle), series);
        if (problems.Count > 0) return problems.ToArray();
        state.State.ForecastCycle = cycle;
        state.State.Forecast = series.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        if (_current?.Cycle == cycle) _current = null;
        await state.WriteStateAsync();
        return [];
    }

    public async Task UseForecaster(bool enabled)
    {
        state.State.UseForecaster = enabled;
        _current = null;
        await state.WriteStateAsync();
    }

    public async Task<SubsystemPlan> Plan(int cycle)
    {
        var (district, subsystem, initialState) = await Prepare(cycle);
        return await Settle(cycle, district, subsystem, initialState);
    }

    public async Task<SubsystemPlan> Resolve(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw)
    {
        ArgumentNullException.ThrowIfNull(tightenedMaxKw);
        var (district, subsystem, initialState) = await Prepare(cycle);
        foreach (var (resource, max) in tightenedMaxKw)
        {
            if (max.Length != district.HorizonSteps)
                throw new ArgumentException($"tightenedMaxKw.{resource}: {max.Length} values where the horizon has {district.HorizonSteps} steps", nameof(tightenedMaxKw));
            subsystem = subsystem.WithResourceMax(resource, Series.Of(max));
        }

        return await Settle(cycle, district, subsystem, initialState);
    }

    /// <summary>Solves; a feasible plan becomes the plan held and predicts the next cycle's start, else the last feasible plan is held.</summary>
    private async Task<SubsystemPlan> Settle(int cycle, District district, Subsystem subsystem, string initialState)
    {
        var result = SubsystemSolver.Solve(district, subsystem, mpcOptions.Value);
        var start = StartOf(cycle);
        if (!result.HasPlan) return await Hold(cycle, subsystem, district, result, initialState, start);

        var plan = PlanMapper.ToWire(district.HorizonSteps, subsystem, result, cycle, start, initialState);
        var (soc, states) = StatePrediction.Next(subsystem, result);
        state.State.Current = plan;
        state.State.LastFeasible = plan;
        state.State.PredictedForCycle = cycle;
        state.State.PredictedSocKwh = new Dictionary<string, double>(soc);
        state.State.PredictedStates = new Dictionary<string, double[]>(states);
        await state.WriteStateAsync();
        return plan;
    }

    public Task<SubsystemPlan?> GetPlan() => Task.FromResult(state.State.Current);

    public async Task<int> CommitFirstStep()
    {
        if (state.State.Current is not { HasPlan: true } plan || plan.FirstStep.Count == 0) return 0;
        var start = plan.Start;
        var until = start.AddMinutes(_district?.StepMinutes ?? 15);
        await Task.WhenAll(plan.FirstStep.Select(a => Asset(a.Key).CommitSetpoint(new AssetSetpoint(plan.Cycle, start, until, a.Value))));
        return plan.FirstStep.Count;
    }

    /// <summary>The cycle's problem: the horizon shifted to the cycle, with the initial state from measurements or the previous plan.</summary>
    private async Task<(District District, Subsystem Subsystem, string InitialState)> Prepare(int cycle)
    {
        if (_district is null) throw new InvalidOperationException($"subsystem {this.GetPrimaryKeyString()} is not configured");
        if (_current is { } current && current.Cycle == cycle) return (current.District, current.Subsystem, current.InitialState);

        var district = RecedingHorizon.Shift(_district, cycle);
        if (state.State.ForecastCycle == cycle) district = ForecastOverlay.Apply(district, state.State.Forecast).District ?? district;
        if (state.State.UseForecaster)
        {
            var learned = await GrainFactory.GetGrain<IForecastGrain>(this.GetPrimaryKeyString()).Forecast(StartOf(cycle), district.HorizonSteps);
            var (withLearned, problems) = ForecastOverlay.Apply(district, learned);
            if (withLearned is null) throw new InvalidOperationException($"learned forecasts refused: {string.Join("; ", problems)}");
            district = withLearned;
        }

        var subsystem = district.Subsystems[0];
        var soc = new Dictionary<string, double>(StringComparer.Ordinal);
        var states = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var sources = new List<string>();
        var predicted = state.State.PredictedForCycle == cycle - 1;

        foreach (var store in subsystem.Stores)
        {
            var measured = await Asset(store.Id).GetFreshMeasurement();
            if (measured is not null) soc[store.Id] = measured.Values[0];
            // A feasible plan's SoC[1] lies within its bounds up to solver tolerance (~1e-9 kWh); the clamp removes only that.
            else if (predicted && state.State.PredictedSocKwh.TryGetValue(store.Id, out var p)) soc[store.Id] = Math.Clamp(p, store.SocMin, store.SocMax);
            var value = soc.TryGetValue(store.Id, out var v) ? v : store.SocInitial;
            sources.Add(string.Create(CultureInfo.InvariantCulture, $"{store.Id} SoC {value:0.###} kWh ({(measured is not null ? "measured" : soc.ContainsKey(store.Id) ? "predicted" : "file")})"));
        }

        foreach (var demand in subsystem.Demands.OfType<StateSpaceDemand>())
        {
            var measured = await Asset(demand.Id).GetFreshMeasurement();
            if (measured is not null) states[demand.Id] = measured.Values;
            else if (predicted && state.State.PredictedStates.TryGetValue(demand.Id, out var p)) states[demand.Id] = p;
            var value = states.TryGetValue(demand.Id, out var x) ? x : demand.X0;
            sources.Add(string.Create(CultureInfo.InvariantCulture, $"{demand.Id} x0 [{string.Join(", ", value.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))}] ({(measured is not null ? "measured" : states.ContainsKey(demand.Id) ? "predicted" : "file")})"));
        }

        // Nowcast: a fresh measurement of a series demand replaces its forecast for the step about to start.
        var demands = subsystem.Demands.ToList();
        for (var m = 0; m < demands.Count; m++)
        {
            if (demands[m] is not SeriesDemand series) continue;
            var measured = await Asset(series.Id).GetFreshMeasurement();
            if (measured is null) continue;
            var values = series.Values.ToArray();
            values[0] = measured.Values[0];
            demands[m] = series with { Values = Series.Of(values) };
            sources.Add(string.Create(CultureInfo.InvariantCulture, $"{series.Id} {values[0]:0.###} kW now (measured)"));
        }

        subsystem = RecedingHorizon.WithInitialState(subsystem with { Demands = demands }, soc, states);
        district = district with { Subsystems = [subsystem] };
        var initialState = string.Join("; ", sources);
        _current = (cycle, district, subsystem, initialState);
        return (district, subsystem, initialState);
    }

    private async Task<SubsystemPlan> Hold(int cycle, Subsystem subsystem, District district, SubsystemResult failed, string initialState, DateTimeOffset start)
    {
        var note = PlanMapper.Describe(failed);
        SubsystemPlan plan;
        if (state.State.LastFeasible is { } feasible)
        {
            plan = PlanMapper.Held(feasible, cycle, ResultJsonStatus(failed), $"kept its last feasible plan (cycle {feasible.Cycle}): {note}");
            Log.HoldingLastPlan(logger, subsystem.Id, cycle, plan.Status, note);
        }
        else
        {
            plan = PlanMapper.ToWire(district.HorizonSteps, subsystem, failed, cycle, start, initialState) with { Note = $"no feasible plan yet: {note}" };
        }

        state.State.Current = plan;
        await state.WriteStateAsync();
        return plan;
    }

    private static string ResultJsonStatus(SubsystemResult result) => Sems.Engine.Reporting.ResultJson.StatusName(result.Status);

    private DateTimeOffset StartOf(int cycle) =>
        (state.State.Configuration?.Start ?? DateTimeOffset.UnixEpoch).AddMinutes((double)cycle * (_district?.StepMinutes ?? 15));

    private IAssetGrain Asset(string assetId) => GrainFactory.GetGrain<IAssetGrain>($"{this.GetPrimaryKeyString()}/{assetId}");
}
