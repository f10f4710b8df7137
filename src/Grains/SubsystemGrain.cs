using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Sems.Contracts;
using Sems.Contracts.History;
using Sems.Contracts.Results;
using Sems.Engine.Flexibility;
using Sems.Engine.Horizon;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Grains.Telemetry;

namespace Sems.Grains;

/// <summary>
/// One subsystem: builds its MPC initial state from its assets' measurements (or the previous plan's prediction),
/// solves through the engine on the silo's bounded solver pool, reports plans, re-solves under tightened limits and
/// commits set-points. Thin: the maths is in Sems.Engine. Its definition is kept per version, apart from the per-cycle
/// state, and written only when a version is prepared or switched to. Placed at random: the coordinator activates all
/// subsystems in one burst, faster than resource-optimised placement's load statistics refresh, and random placement
/// spreads that CPU-heavy burst over the cluster's silos.
/// </summary>
[RandomPlacement]
public sealed class SubsystemGrain(
    [PersistentState("subsystem", SemsGrainOptions.Storage)] IPersistentState<SubsystemState> state,
    [PersistentState("subsystem-definition", SemsGrainOptions.Storage)] IPersistentState<SubsystemDefinitionState> definition,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    IOptions<SemsGrainOptions> grainOptions,
    IOptions<MpcOptions> mpcOptions,
    ILogger<SubsystemGrain> logger,
    SolverPool? solverPool = null,
    IHistorySink? history = null,
    ISolveHook? solveHook = null) : Grain, ISubsystemGrain
{
    private const int PreparedKept = 4;
    private const string PendingExplanation = "explanation pending";
    private readonly SolverPool _pool = solverPool ?? SolverPool.Shared;
    private readonly IHistorySink _history = history ?? NullHistorySink.Instance;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private District? _district;
    private (int Cycle, District District, Subsystem Subsystem, string InitialState)? _current;
    private SubsystemResultRecord? _currentResult;
    private SubsystemResultRecord? _feasibleResult;
    private SemsInstrumentation? _instrumentation;
    private (int Cycle, District District, Subsystem Subsystem, MpcOptions Options, SubsystemResult Result)? _feasiblePlan;

    /// <summary>
    /// This cycle's feasible proposals (<see cref="ProposeResolve"/>), newest last: a <see cref="Resolve"/> that settles
    /// one of them (same cycle, same planned problem, the same caps to the bit) adopts its result instead of solving again.
    /// </summary>
    private readonly List<(int Cycle, Subsystem Planned, IReadOnlyDictionary<string, double[]> MaxKw, IReadOnlyDictionary<string, double[]> ExportMaxKw, SubsystemResult Result)> _proposals = [];

    private const int ProposalsKept = 8;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (definition.State.Current is { } configuration) _district = DefinitionMapper.ToEngine(configuration.Shared, configuration.Subsystem);
        return Task.CompletedTask;
    }

    /// <summary>Frees the warm session: it lives in memory only, and a reactivated subsystem solves cold once.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _pool.Release(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<string[]> Configure(SubsystemConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (definition.State.Current?.Version == configuration.Version || definition.State.Prepared.Any(p => p.Version == configuration.Version)) return [];
        if (solveHook is not null) await solveHook.BeforeConfigureAsync(this.GetPrimaryKeyString(), configuration.Version.Number);
        var problems = Check(configuration);
        if (problems.Count > 0) return problems.ToArray();
        var prepared = definition.State.Prepared;
        prepared.RemoveAll(p => p.Version.Number == configuration.Version.Number); // a refused version's number is reused
        prepared.Add(configuration);
        if (prepared.Count > PreparedKept) prepared.RemoveRange(0, prepared.Count - PreparedKept);
        await definition.WriteStateAsync();
        return [];
    }

    public async Task<string[]> SetForecast(int cycle, IReadOnlyDictionary<string, double[]> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var district = _district ?? (definition.State.Prepared.LastOrDefault() is { } p ? DefinitionMapper.ToEngine(p.Shared, p.Subsystem) : null);
        if (district is null) return [$"subsystem {this.GetPrimaryKeyString()} is not configured"];
        var (_, problems) = ForecastOverlay.Apply(RecedingHorizon.Shift(district, cycle), series);
        if (problems.Count > 0) return problems.ToArray();
        state.State.ForecastCycle = cycle;
        state.State.Forecast = series.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        if (_current?.Cycle == cycle) _current = null;
        await Save();
        return [];
    }

    public async Task UseForecaster(bool enabled)
    {
        state.State.UseForecaster = enabled;
        _current = null;
        await Save();
    }

    public async Task<SubsystemPlan> Plan(int cycle, int version)
    {
        using var activity = Instrumentation.StartSubsystemCall(SemsInstrumentation.PlanKind, Key(), cycle);
        await SwitchTo(version);
        var (district, subsystem, initialState) = await Prepare(cycle);
        return await Settle(cycle, district, subsystem, initialState, "plan", tightened: null);
    }

    public Task<SubsystemPlan> Resolve(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw) =>
        ResolveCapped(cycle, tightenedMaxKw, NoExportCaps);

    public async Task<SubsystemPlan> ResolveCapped(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw, IReadOnlyDictionary<string, double[]> exportMaxKw)
    {
        ArgumentNullException.ThrowIfNull(tightenedMaxKw);
        ArgumentNullException.ThrowIfNull(exportMaxKw);
        using var activity = Instrumentation.StartSubsystemCall(SemsInstrumentation.ResolveKind, Key(), cycle);
        var (district, planned, initialState) = await Prepare(cycle);
        var subsystem = Tightened(district, planned, tightenedMaxKw, exportMaxKw);

        return await Settle(cycle, district, subsystem, initialState, "resolve", new Caps(planned, tightenedMaxKw, exportMaxKw));
    }

    private static readonly IReadOnlyDictionary<string, double[]> NoExportCaps = new Dictionary<string, double[]>(StringComparer.Ordinal);

    /// <summary>A re-solve's caps: P̄max on the draws and the caps on the exports, over the cycle's planned problem.</summary>
    private sealed record Caps(Subsystem Planned, IReadOnlyDictionary<string, double[]> MaxKw, IReadOnlyDictionary<string, double[]> ExportMaxKw);

    private void Remember(int cycle, Caps caps, SubsystemResult result)
    {
        _proposals.RemoveAll(p => p.Cycle != cycle || !ReferenceEquals(p.Planned, caps.Planned));
        _proposals.Add((cycle, caps.Planned, Copy(caps.MaxKw), Copy(caps.ExportMaxKw), result));
        if (_proposals.Count > ProposalsKept) _proposals.RemoveAt(0);
        static Dictionary<string, double[]> Copy(IReadOnlyDictionary<string, double[]> caps) => caps.ToDictionary(m => m.Key, m => m.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The feasible proposal of this cycle solved under exactly these caps (import and export), if one is kept.</summary>
    private SubsystemResult? Proposed(int cycle, Caps caps)
    {
        for (var k = _proposals.Count - 1; k >= 0; k--)
        {
            var p = _proposals[k];
            if (p.Cycle != cycle || !ReferenceEquals(p.Planned, caps.Planned)) continue;
            if (Same(p.MaxKw, caps.MaxKw) && Same(p.ExportMaxKw, caps.ExportMaxKw)) return p.Result;
        }

        return null;

        static bool Same(IReadOnlyDictionary<string, double[]> kept, IReadOnlyDictionary<string, double[]> asked) =>
            kept.Count == asked.Count && asked.All(m => kept.TryGetValue(m.Key, out var values) && values.AsSpan().SequenceEqual(m.Value));
    }

    /// <summary>
    /// The planned subsystem with each capped resource's P̄max (<see cref="Capped"/>) and each capped export total
    /// (<see cref="Subsystem.WithExportCap"/>; a resource it does not export has nothing to cap); a cap of the wrong length is refused by name.
    /// </summary>
    private static Subsystem Tightened(District district, Subsystem planned, IReadOnlyDictionary<string, double[]> tightenedMaxKw, IReadOnlyDictionary<string, double[]> exportMaxKw)
    {
        var subsystem = planned;
        foreach (var (resource, max) in tightenedMaxKw)
        {
            if (max.Length != district.HorizonSteps)
                throw new ArgumentException($"tightenedMaxKw.{resource}: {max.Length} values where the horizon has {district.HorizonSteps} steps", nameof(tightenedMaxKw));
            subsystem = subsystem.WithResourceMax(resource, Capped(planned, resource, max));
        }

        foreach (var (resource, max) in exportMaxKw)
        {
            if (!planned.ExportedResources.Contains(resource, StringComparer.Ordinal)) continue; // nothing of it to cap
            if (max.Length != district.HorizonSteps)
                throw new ArgumentException($"exportMaxKw.{resource}: {max.Length} values where the horizon has {district.HorizonSteps} steps", nameof(exportMaxKw));
            if (max.Any(double.IsNaN))
                throw new ArgumentException($"exportMaxKw.{resource}: a value is not a number", nameof(exportMaxKw));
            subsystem = subsystem.WithExportCap(resource, Series.Of(max));
        }

        return subsystem;
    }

    /// <summary>
    /// P̄max from a coordinator's cap: never above the subsystem's own Pmax (a cap is a restriction, never a loosening;
    /// the economic mode's allocations may exceed Pmax and use +∞ for "no cap at this step").
    /// </summary>
    private static Series Capped(Subsystem planned, string resource, double[] capKw)
    {
        if (!planned.Resources.TryGetValue(resource, out var own)) return Series.Of(capKw);
        var max = new double[capKw.Length];
        for (var i = 0; i < max.Length; i++) max[i] = Math.Min(own.Max[i], capKw[i]);
        return Series.Of(max);
    }

    public Task<SubsystemPlan> ProposeResolve(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw) =>
        ProposeResolveCapped(cycle, tightenedMaxKw, NoExportCaps);

    public async Task<SubsystemPlan> ProposeResolveCapped(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw, IReadOnlyDictionary<string, double[]> exportMaxKw)
    {
        ArgumentNullException.ThrowIfNull(tightenedMaxKw);
        ArgumentNullException.ThrowIfNull(exportMaxKw);
        using var activity = Instrumentation.StartSubsystemCall(SemsInstrumentation.ResolveKind, Key(), cycle);
        var (district, planned, initialState) = await Prepare(cycle);
        var subsystem = Tightened(district, planned, tightenedMaxKw, exportMaxKw);

        if (solveHook is not null) await solveHook.BeforeSolveAsync(this.GetPrimaryKeyString(), cycle, "resolve");
        var options = WithinBudget(mpcOptions.Value, district.StepMinutes) with { ExplainInfeasibility = false };
        var caps = new Caps(planned, tightenedMaxKw, exportMaxKw);
        var result = await Solve(district, subsystem, options, caps);
        var version = definition.State.Current!.Version.Number;
        if (result.HasPlan) Remember(cycle, caps, result);
        if (result.HasPlan) return PlanMapper.ToWire(district.HorizonSteps, subsystem, result, cycle, StartOf(cycle), initialState, version);
        var held = state.State.Current ?? PlanMapper.ToWire(district.HorizonSteps, subsystem, result, cycle, StartOf(cycle), initialState, version);
        return held with { Accepted = false, Status = Sems.Engine.Reporting.ResultJson.StatusName(result.Status), Note = $"kept its last feasible plan: {PlanMapper.Describe(result)}" };
    }

    /// <summary>
    /// The price terms enter eq. 19 as one more factor: <see cref="PriceFactor"/> with the prices as its per-kWh series
    /// and weight 1/φ_nrg, so each draw variable's coefficient gains exactly price·Δt.
    /// </summary>
    public async Task<SubsystemPricedPlan> PlanPriced(int cycle, IReadOnlyDictionary<string, double[]> pricePerKwh)
    {
        ArgumentNullException.ThrowIfNull(pricePerKwh);
        var (district, subsystem, _) = await Prepare(cycle);
        foreach (var (resource, price) in pricePerKwh)
        {
            if (price.Length != district.HorizonSteps)
                throw new ArgumentException($"pricePerKwh.{resource}: {price.Length} values where the horizon has {district.HorizonSteps} steps", nameof(pricePerKwh));
        }

        var phi = subsystem.Weights.Energy;
        if (!(phi > 0))
            return new SubsystemPricedPlan(false, double.NaN, double.NaN, new Dictionary<string, double[]>(),
                string.Create(CultureInfo.InvariantCulture, $"weights.energy is {phi}: its energy term is off, so prices cannot steer it"));
        var factors = district.Factors.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        factors[PriceFactor] = pricePerKwh.ToDictionary(p => p.Key, p => Series.Of(p.Value), StringComparer.Ordinal);
        var weights = new Dictionary<string, double>(subsystem.Weights.Factors, StringComparer.Ordinal) { [PriceFactor] = 1 / phi };
        var priced = subsystem with { Weights = subsystem.Weights with { Factors = weights } };
        var options = WithinBudget(mpcOptions.Value, district.StepMinutes) with { ExplainInfeasibility = false };
        var result = await _pool.RunAsync(() => SubsystemSolver.Solve(district with { Factors = factors }, priced, options));
        if (!result.HasPlan)
            return new SubsystemPricedPlan(false, double.NaN, double.NaN, new Dictionary<string, double[]>(),
                $"{Sems.Engine.Reporting.ResultJson.StatusName(result.Status)} at these prices{(result.Message is null ? "" : $" ({result.Message})")}");
        var priceTerm = 0.0;
        foreach (var (resource, draw) in result.DrawKw)
        {
            if (!pricePerKwh.TryGetValue(resource, out var price)) continue;
            for (var i = 0; i < draw.Count; i++) priceTerm += price[i] * district.StepHours * draw[i];
        }

        // A MILP's optimum is bounded below by its proven gap; an LP's optimum is its own bound.
        var bound = result.ModelObjective - (double.IsFinite(result.RelativeGap) && result.RelativeGap > 0 ? result.RelativeGap * Math.Abs(result.ModelObjective) : 0);
        return new SubsystemPricedPlan(true, result.Objective - priceTerm, bound,
            result.DrawKw.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal), null);
    }

    /// <summary>The factor a price round adds (not a valid id, so no file's factor can share its name).</summary>
    private const string PriceFactor = "~coordination-price";

    public Task<SubsystemPlan?> GetPlan() => Task.FromResult(state.State.Current);

    public Task<SubsystemResultRecord?> GetResult() => Task.FromResult(_currentResult);

    public async Task<SubsystemFlexibilityRecord?> GetFlexibility(string resource)
    {
        // The last feasible plan, analysed with the subsystem it was solved for (a coordinator's tightening included).
        if (_feasiblePlan is not { } held) return null;
        var flex = await _pool.RunAsync(() => FlexibilityAnalyzer.Analyze(held.District, held.Subsystem, resource, held.Options, held.Result));
        double[] Values(Func<FlexibilityStep, double> value) => flex.Steps.Select(value).ToArray();
        return new SubsystemFlexibilityRecord(flex.SubsystemId, flex.Resource, held.Cycle, StartOf(held.Cycle), held.District.StepMinutes,
            Values(s => s.PlannedKw), Values(s => s.DownKw), Values(s => s.UpKw), Values(s => s.MarginalCostDownPerKwh), Values(s => s.MarginalCostUpPerKwh),
            flex.Currency, flex.Method, flex.CostUnit, flex.FloorAtLimit);
    }

    public async Task<int> CommitFirstStep(int cycle)
    {
        var configuration = definition.State.Current;
        if (configuration is null) return 0;
        var step = TimeSpan.FromMinutes(configuration.Shared.StepMinutes);
        var from = StartOf(cycle);
        var until = from + step;
        if (state.State.Current is { HasPlan: true } plan && plan.Cycle == cycle && plan.FirstStep.Count > 0)
        {
            await Task.WhenAll(plan.FirstStep.Select(a => Asset(a.Key).CommitSetpoint(new AssetSetpoint(cycle, from, until, a.Value))));
            CarryCommitment(cycle, plan);
            await Save();
            return plan.FirstStep.Count;
        }

        // No plan for this cycle: every asset keeps what it has, re-issued for the cycle as a fallback (recorded with
        // source "fallback"; not counted as committed from a plan).
        await Task.WhenAll(AssetIds(configuration).Select(a => Asset(a).HoldSetpoint(cycle, from, until)));
        return 0;
    }

    /// <summary>Switches to <paramref name="version"/> when it is the prepared one; a cycle plans with exactly one version.</summary>
    private async Task SwitchTo(int version)
    {
        if (definition.State.Current?.Version.Number == version) return;
        if (definition.State.Prepared.FirstOrDefault(p => p.Version.Number == version) is not { } pending)
            throw new InvalidOperationException($"subsystem {this.GetPrimaryKeyString()} has no definition version {version} (current {definition.State.Current?.Version.ToString() ?? "none"})");

        definition.State.Current = pending;
        definition.State.Prepared.RemoveAll(p => p.Version.Number <= version);
        _district = DefinitionMapper.ToEngine(pending.Shared, pending.Subsystem);
        _current = null;
        await definition.WriteStateAsync();
        await ConfigureAssets(_district.Subsystems[0], pending.MeasurementMaxAge);
    }

    private List<string> Check(SubsystemConfiguration configuration)
    {
        var problems = new List<string>();
        var key = this.GetPrimaryKeyString();
        if (!key.EndsWith($"/{configuration.Subsystem.Id}", StringComparison.Ordinal)) problems.Add($"subsystem: \"{configuration.Subsystem.Id}\" is not the subsystem of grain {key}");
        var n = configuration.Shared.HorizonSteps;
        if (n <= 0) problems.Add($"horizonSteps: {n} is not a positive number of steps");
        if (configuration.Shared.StepMinutes <= 0) problems.Add($"stepMinutes: {configuration.Shared.StepMinutes} is not a positive number of minutes");
        try
        {
            var district = DefinitionMapper.ToEngine(configuration.Shared, configuration.Subsystem);
            var s = district.Subsystems[0];
            var series = s.Supplies.SelectMany(p => p.Conversions.SelectMany(c => new[] { c.Efficiency, c.Min, c.Max }))
                .Concat(s.Resources.Values.SelectMany(r => new[] { r.Min, r.Max }))
                .Concat(s.Stores.SelectMany(st => new[] { st.ChargeMin, st.ChargeMax, st.DischargeMin, st.DischargeMax, st.Penalty }))
                .Concat(s.Demands.OfType<SeriesDemand>().Select(d => d.Values));
            if (series.Any(x => x.Count != n)) problems.Add($"subsystem {s.Id}: a series does not have {n} steps (horizonSteps)");
        }
        catch (ArgumentException e)
        {
            problems.Add($"subsystem {configuration.Subsystem.Id}: {e.Message}");
        }

        return problems;
    }

    private async Task ConfigureAssets(Subsystem subsystem, TimeSpan maxAge)
    {
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
    }

    /// <summary>Solves; a feasible plan becomes the plan held and predicts the next cycle's start, else the last feasible plan is held.</summary>
    private async Task<SubsystemPlan> Settle(int cycle, District district, Subsystem subsystem, string initialState, string stage,
        Caps? tightened)
    {
        if (solveHook is not null) await solveHook.BeforeSolveAsync(this.GetPrimaryKeyString(), cycle, stage);
        var options = WithinBudget(mpcOptions.Value, district.StepMinutes);
        var explainLater = options.ExplainInfeasibility && !grainOptions.Value.ExplainInfeasibilityInCycle;
        if (explainLater) options = options with { ExplainInfeasibility = false };
        using var solve = Instrumentation.StartSolve(stage, Key(), cycle);
        var result = tightened is { } t && Proposed(cycle, t) is { } proposed
            ? proposed
            : await Solve(district, subsystem, options, tightened);
        solve.Complete(Sems.Engine.Reporting.ResultJson.StatusName(result.Status));
        if (explainLater && result.Status == Sems.Engine.Optimisation.SolveStatus.Infeasible)
        {
            result = result with { Message = PendingExplanation };
            _ = ExplainAsync(cycle, district, subsystem, result, options with { ExplainInfeasibility = true });
        }

        var start = StartOf(cycle);
        var version = definition.State.Current!.Version.Number;
        SubsystemPlan plan;
        if (!result.HasPlan)
        {
            plan = Hold(cycle, subsystem, district, result, initialState, start, version);
        }
        else
        {
            plan = PlanMapper.ToWire(district.HorizonSteps, subsystem, result, cycle, start, initialState, version);
            var (soc, states) = StatePrediction.Next(subsystem, result);
            state.State.Current = plan;
            state.State.LastFeasible = plan;
            state.State.PredictedForCycle = cycle;
            state.State.PredictedSocKwh = new Dictionary<string, double>(soc);
            state.State.PredictedStates = new Dictionary<string, double[]>(states);
            _currentResult = _feasibleResult = ResultMapper.ToRecord(result, cycle);
            _feasiblePlan = (cycle, district, subsystem, options, result);
        }

        RecordPlan(plan, stage == "plan" ? "initial" : "resolved", district.StepMinutes);
        await Save();
        return plan;
    }

    /// <summary>
    /// Solves on the solver pool: with <see cref="SemsGrainOptions.WarmSessions"/> in this subsystem's warm session (a
    /// re-solve of the problem the session holds writes only the tightened limits), else cold.
    /// </summary>
    private Task<SubsystemResult> Solve(District district, Subsystem subsystem, MpcOptions options, Caps? tightened)
    {
        if (!grainOptions.Value.WarmSessions) return _pool.RunAsync(() => SubsystemSolver.Solve(district, subsystem, options));
        return _pool.RunAsync(this.GetPrimaryKeyString(), session =>
        {
            if (tightened is { } t && session.Model is { } held && ReferenceEquals(held.District, district) && ReferenceEquals(held.Subsystem, t.Planned) && session.Options == options)
                return session.ResolveTightened(Lists(t.MaxKw), Lists(t.ExportMaxKw)).Result;
            return session.Solve(district, subsystem, options).Result;
        });
    }

    private static Dictionary<string, IReadOnlyList<double>> Lists(IReadOnlyDictionary<string, double[]> caps) =>
        caps.ToDictionary(m => m.Key, m => (IReadOnlyList<double>)m.Value, StringComparer.Ordinal);

    /// <summary>
    /// Explains an infeasible solve after the subsystem answered (the elastic re-solve on the solver pool), then puts the
    /// explanation in the plan held and the result, when they still are that cycle's.
    /// </summary>
    private async Task ExplainAsync(int cycle, District district, Subsystem subsystem, SubsystemResult failed, MpcOptions options)
    {
        try
        {
            var findings = await _pool.RunAsync(() => InfeasibilityExplainer.Explain(SubsystemModelBuilder.Build(district, subsystem, options), options.Solver));
            var explained = failed with { Infeasibility = findings, Message = null };
            var note = PlanMapper.Describe(explained);
            if (state.State.Current is { } plan && plan.Cycle == cycle && plan.Note?.Contains(PendingExplanation, StringComparison.Ordinal) == true)
            {
                state.State.Current = plan with { Note = plan.Note.Replace($"{Sems.Engine.Reporting.ResultJson.StatusName(failed.Status)}: {PendingExplanation}", note, StringComparison.Ordinal) };
                if (_currentResult is { } current && current.Cycle == cycle && current.Message == PendingExplanation) _currentResult = ResultMapper.ToRecord(explained, cycle);
                await Save();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            Log.ExplanationFailed(logger, this.GetPrimaryKeyString(), cycle, e.Message);
        }
    }

    /// <summary>
    /// The solver's time limit kept below the coordinator's deadline: at most half the cycle budget in wall time
    /// (a solve and a re-solve must both fit), so a MILP stops with its best plan before the call times out.
    /// </summary>
    private MpcOptions WithinBudget(MpcOptions options, int stepMinutes)
    {
        var budget = ScaledTimeProvider.WallTime(clock, grainOptions.Value.CycleBudgetFraction * TimeSpan.FromMinutes(stepMinutes));
        if (grainOptions.Value.CallTimeout is { } call && call < budget) budget = call;
        var limit = budget / 2;
        return options.Solver.TimeLimit <= limit || limit <= TimeSpan.Zero ? options : options with { Solver = options.Solver with { TimeLimit = limit } };
    }

    /// <summary>The cycle's problem: the horizon shifted to the cycle, with the initial state from measurements or the previous plan.</summary>
    private async Task<(District District, Subsystem Subsystem, string InitialState)> Prepare(int cycle)
    {
        if (_district is null) throw new InvalidOperationException($"subsystem {this.GetPrimaryKeyString()} is not configured");
        if (_current is { } current && current.Cycle == cycle) return (current.District, current.Subsystem, current.InitialState);

        var district = RecedingHorizon.Shift(_district, cycle);
        var forecasts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (state.State.ForecastCycle == cycle)
        {
            district = ForecastOverlay.Apply(district, state.State.Forecast).District ?? district;
            foreach (var (key, values) in state.State.Forecast) forecasts[key] = values;
        }

        if (state.State.UseForecaster)
        {
            var learned = await GrainFactory.GetGrain<IForecastGrain>(this.GetPrimaryKeyString()).Forecast(StartOf(cycle), district.HorizonSteps);
            var (withLearned, problems) = ForecastOverlay.Apply(district, learned);
            if (withLearned is null) throw new InvalidOperationException($"learned forecasts refused: {string.Join("; ", problems)}");
            district = withLearned;
            foreach (var (key, values) in learned) forecasts[key] = values;
        }

        var subsystem = WithCarriedCommitment(district.Subsystems[0], cycle);
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
        RecordForecasts(cycle, district, forecasts);
        return (district, subsystem, initialState);
    }

    /// <summary>Unit commitment carried from the last committed step: on/off and the steps in that state (held through missed cycles).</summary>
    private Subsystem WithCarriedCommitment(Subsystem subsystem, int cycle)
    {
        if (state.State.Commitments.Count == 0) return subsystem;
        return subsystem with
        {
            Supplies = subsystem.Supplies.Select(s =>
            {
                if (s.Commitment is not { } uc || !state.State.Commitments.TryGetValue(s.Id, out var carry) || carry.Cycle >= cycle) return s;
                var steps = (int)Math.Min(Commitment.LongAgo, (long)carry.Steps + (cycle - 1 - carry.Cycle));
                return s with { Commitment = uc with { InitiallyOn = carry.On, InitialSteps = steps } };
            }).ToList(),
        };
    }

    /// <summary>After committing step 0 of <paramref name="cycle"/>: each committed supply's state and how long it has been in it.</summary>
    private void CarryCommitment(int cycle, SubsystemPlan plan)
    {
        if (_district is null) return;
        foreach (var supply in _district.Subsystems[0].Supplies)
        {
            if (supply.Commitment is not { } uc || !plan.FirstStep.TryGetValue(supply.Id, out var values) || !values.TryGetValue("on", out var on)) continue;
            var (wasOn, steps) = state.State.Commitments.TryGetValue(supply.Id, out var carry) && carry.Cycle < cycle
                ? (carry.On, (long)carry.Steps + (cycle - 1 - carry.Cycle))
                : (uc.InitiallyOn, (long)uc.InitialSteps);
            var isOn = on > 0.5;
            state.State.Commitments[supply.Id] = new CommitmentCarry(isOn, isOn == wasOn ? (int)Math.Min(Commitment.LongAgo, steps + 1) : 1, cycle);
        }
    }

    private SubsystemPlan Hold(int cycle, Subsystem subsystem, District district, SubsystemResult failed, string initialState, DateTimeOffset start, int version)
    {
        var note = PlanMapper.Describe(failed);
        SubsystemPlan plan;
        if (state.State.LastFeasible is { } feasible)
        {
            plan = PlanMapper.Held(feasible, cycle, Sems.Engine.Reporting.ResultJson.StatusName(failed.Status), $"kept its last feasible plan (cycle {feasible.Cycle}): {note}");
            Log.HoldingLastPlan(logger, subsystem.Id, cycle, plan.Status, note);
            _currentResult = _feasibleResult;
        }
        else
        {
            plan = PlanMapper.ToWire(district.HorizonSteps, subsystem, failed, cycle, start, initialState, version) with { Note = $"no feasible plan yet: {note}" };
            _currentResult = ResultMapper.ToRecord(failed, cycle);
        }

        state.State.Current = plan;
        return plan;
    }

    private void RecordPlan(SubsystemPlan plan, string stage, int stepMinutes)
    {
        var (district, subsystem) = Key();
        _history.Record(new PlanRecord(district, plan.Start, subsystem, plan.Cycle, stage, plan.Status, plan.Accepted, plan.Objective,
            plan.Terms?.Energy ?? double.NaN, plan.Terms?.Storage ?? double.NaN, plan.Terms?.Comfort ?? double.NaN,
            plan.Terms?.ByFactor ?? new Dictionary<string, double>(),
            plan.DrawKw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value, StringComparer.Ordinal), stepMinutes));
    }

    private void RecordForecasts(int cycle, District district, Dictionary<string, double[]> forecasts)
    {
        var (districtId, subsystem) = Key();
        var at = StartOf(cycle);
        foreach (var (series, values) in forecasts) _history.Record(new ForecastRecord(districtId, at, subsystem, cycle, series, district.StepMinutes, values));
    }

    /// <summary>Serialises writes: an interleaved commit may write while a solve's write is in flight.</summary>
    private async Task Save()
    {
        await _writes.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    private static List<string> AssetIds(SubsystemConfiguration configuration) =>
        configuration.Subsystem.Supplies.Select(s => s.Id)
            .Concat(configuration.Subsystem.Stores.Select(s => s.Id))
            .Concat(configuration.Subsystem.Demands.OfType<Sems.Contracts.Definitions.StateSpaceDemandDefinition>().Select(d => d.Id))
            .ToList();

    private (string District, string Subsystem) Key()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, key) : (key[..slash], key[(slash + 1)..]);
    }

    private DateTimeOffset StartOf(int cycle) =>
        (definition.State.Current?.Start ?? definition.State.Prepared.LastOrDefault()?.Start ?? DateTimeOffset.UnixEpoch)
            .AddMinutes((double)cycle * (definition.State.Current?.Shared.StepMinutes ?? definition.State.Prepared.LastOrDefault()?.Shared.StepMinutes ?? 15));

    private SemsInstrumentation Instrumentation => _instrumentation ??= SemsInstrumentation.From(ServiceProvider);

    private IAssetGrain Asset(string assetId) => GrainFactory.GetGrain<IAssetGrain>($"{this.GetPrimaryKeyString()}/{assetId}");
}
