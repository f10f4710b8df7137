using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sems.Contracts;
using Sems.Contracts.Limits;
using Sems.Contracts.Market;
using Sems.Engine.Market;

namespace Sems.Grains.Market;

/// <summary>
/// The energy market coordinator of one community (key: its name). Thin: the price loop, the DSO step, the settlement
/// and the KPIs are the engine's <see cref="MarketCoordinator"/>; this grain keeps the definition, configures the
/// prosumer grains, runs the loop over them (<see cref="GrainMarketRound"/>) and keeps the last outcome.
/// <para>DSO limits. The community's grid is registered with the limits grain of the same key
/// (<see cref="IGridLimitsGrain"/>, resource <c>electricity</c>), so a DSO may set import limit versions on any of its
/// nodes as on a district's. Before every run the grain asks it for the effective limits of the run's horizon
/// (from the community's <c>start</c>, else the current step of the grains' clock) over the file's; on each node where
/// a version applies to at least one step, that node's import limit of the run is the effective one (the DSO's where it
/// set a version, the file's elsewhere) and replaces the file's in the engine's DSO step: after the price loop, the
/// prosumers below a node over its limit get caps and are asked again at the final prices, and only then is the result
/// settled. Export limits are the file's (a DSO version carries import limits only). Limits grain unreachable: the
/// file's limits, and a warning in the log.</para>
/// </summary>
public sealed class MarketCoordinatorGrain(
    [PersistentState("market-coordinator", SemsGrainOptions.Storage)] IPersistentState<MarketCoordinatorState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    IOptions<SemsGrainOptions> options,
    ILogger<MarketCoordinatorGrain> logger) : Grain, IMarketCoordinatorGrain
{
    private int InFlight => Math.Max(1, options.Value.MaxCallsInFlight);

    public async Task<string[]> Configure(CommunityDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var key = this.GetPrimaryKeyString();
        var problems = MarketDefinitions.Problems(definition, key).ToList();
        if (problems.Count > 0) return problems.ToArray();

        var answers = await Bounded(definition.Prosumers, InFlight, async p =>
            await GrainFactory.GetGrain<IProsumerGrain>(GrainMarketRound.ProsumerKey(key, p.Id)).Configure(p));
        problems.AddRange(answers.SelectMany(a => a));
        if (problems.Count > 0) return problems.ToArray();

        state.State.Definition = definition;
        state.State.LastOutcome = null;
        await state.WriteStateAsync();
        var grid = MarketMapper.Grid(definition);
        await GrainFactory.GetGrain<IGridLimitsGrain>(key).SetContext(new LimitContext(key, definition.StepMinutes, definition.Steps, [Community.Electricity])
        {
            Nodes = grid.Nodes.Select(n => n.Id).ToArray(),
        });
        MarketLog.Configured(logger, key, definition.Prosumers.Length, grid.Nodes.Count);
        return [];
    }

    public async Task<MarketOutcomeMessage> Run()
    {
        var key = this.GetPrimaryKeyString();
        var definition = state.State.Definition ?? throw new InvalidOperationException($"community \"{key}\" is not configured");
        var community = MarketMapper.ToEngine(definition);
        var (limits, versions) = await DsoLimits(key, community);
        var round = new GrainMarketRound(GrainFactory, key, community.StepMinutes, community.Market, InFlight);
        var outcome = await MarketCoordinator.RunAsync(community, round, limits);
        var message = MarketOutcomeMapper.ToWire(community, outcome, limits, versions);
        state.State.LastOutcome = message;
        await state.WriteStateAsync();
        MarketLog.Ran(logger, key, outcome.Iterations, outcome.Converged, outcome.StopReason);
        return message;
    }

    public Task<MarketOutcomeMessage?> GetLastOutcome() => Task.FromResult(state.State.LastOutcome);

    public Task<CommunityDefinition?> GetDefinition() => Task.FromResult(state.State.Definition);

    /// <summary>The first step of a run's horizon: the community's start, else the grains' clock floored to the step.</summary>
    private DateTimeOffset HorizonStart(Community community)
    {
        if (community.Start is { } start) return start;
        var now = clock.GetUtcNow();
        var stepTicks = TimeSpan.FromMinutes(community.StepMinutes).Ticks;
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % stepTicks, TimeSpan.Zero);
    }

    /// <summary>
    /// The DSO's import limits per node for the run (only nodes on which a version applies to some step) and the version
    /// of every step of every node; none when the limits grain cannot answer.
    /// </summary>
    private async Task<(MarketGridLimits? Limits, IReadOnlyDictionary<string, long[]>? Versions)> DsoLimits(string key, Community community)
    {
        var steps = community.Steps;
        var bases = new Dictionary<string, IReadOnlyDictionary<string, double[]>>(StringComparer.Ordinal);
        foreach (var node in community.Grid.Nodes)
        {
            var own = node.ImportMaxKw.TryGetValue(Community.Electricity, out var series) ? series.ToArray() : Enumerable.Repeat(double.PositiveInfinity, steps).ToArray();
            bases[node.Id] = new Dictionary<string, double[]>(StringComparer.Ordinal) { [Community.Electricity] = own };
        }

        IReadOnlyDictionary<string, EffectiveLimits> effective;
        try
        {
            effective = await GrainFactory.GetGrain<IGridLimitsGrain>(key).GetEffectivePerNode(HorizonStart(community), steps, bases, planned: true)
                .WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        }
        catch (Exception e)
        {
            MarketLog.LimitsUnavailable(logger, key, e.Message);
            return (null, null);
        }

        var import = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var versions = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (node, limits) in effective)
        {
            if (!limits.VersionPerStep.TryGetValue(Community.Electricity, out var perStep)) continue;
            versions[node] = perStep;
            if (perStep.Any(v => v != 0) && limits.Kw.TryGetValue(Community.Electricity, out var kw)) import[node] = kw;
        }

        if (import.Count == 0) return (null, versions);
        return (new MarketGridLimits(import, new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal)), versions);
    }

    /// <summary>Calls <paramref name="call"/> for every item with at most <paramref name="inFlight"/> outstanding; answers in item order.</summary>
    private static async Task<IReadOnlyList<T>> Bounded<TItem, T>(IReadOnlyList<TItem> items, int inFlight, Func<TItem, Task<T>> call)
    {
        var answers = new T[items.Count];
        using var slots = new SemaphoreSlim(inFlight);
        await Task.WhenAll(items.Select(async (item, k) =>
        {
            await slots.WaitAsync();
            try
            {
                answers[k] = await call(item);
            }
            finally
            {
                slots.Release();
            }
        }));
        return answers;
    }
}
