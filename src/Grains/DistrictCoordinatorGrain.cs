using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sems.Contracts;
using Sems.Contracts.Definitions;
using Sems.Contracts.History;
using Sems.Contracts.Limits;
using Sems.Contracts.Status;
using Sems.Engine.Coordination;
using Sems.Engine.Coordination.Economic;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Grains.Telemetry;

namespace Sems.Grains;

/// <summary>
/// The district coordinator: fans plans out to the subsystem grains in parallel (for a district with a grid, or a large
/// one, through the hierarchy of <see cref="INodeCoordinatorGrain"/>s), builds the cycle's <see cref="LimitTree"/> (every
/// node's file limits with the DSO's versions of that node over them), runs the district's coordination mode (priority:
/// the engine's Algorithm 1 on the tree, its re-solves in parallel batches on the hierarchy; economic: price rounds and
/// the repair, then Algorithm 1 on what remains) with re-solves through the subsystem grains, commits step 0 of every
/// plan as set-points, and records a report per cycle with every node's draw, limit and excess. Cycles are clock-true: cycle k = ⌊(now − start)/Δt⌋ on the injected clock, plans start at the
/// current step, and cycles that could not run are reported as missed, never replayed. Every subsystem call has a
/// deadline within the cycle budget; a subsystem that throws, times out or has no plan keeps its last set-points and
/// counts its fallback draw, and the cycle completes for the others. On <see cref="Start"/> a timer on the injected
/// clock runs a cycle every step and a durable reminder restarts it after reactivation. Reads and SetLimit interleave,
/// so they never wait for a running cycle. The definition is kept per version in its own state, written only when a
/// changed file is applied; the per-cycle state stays small.
/// </summary>
public sealed class DistrictCoordinatorGrain(
    [PersistentState("district", SemsGrainOptions.Storage)] IPersistentState<CoordinatorState> state,
    [PersistentState("district-definition", SemsGrainOptions.Storage)] IPersistentState<CoordinatorDefinitionState> definition,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    IOptions<SemsGrainOptions> options,
    ILogger<DistrictCoordinatorGrain> logger,
    IHistorySink? history = null) : Grain, IDistrictCoordinatorGrain, IRemindable
{
    private const string CycleReminder = "cycle";
    private const int MissedRecordsKept = 1000;
    private readonly IHistorySink _history = history ?? NullHistorySink.Instance;
    private readonly List<CoordinationCycleReport> _reports = [];
    private readonly Dictionary<string, (IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw, int Cycle)> _lastDraw = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private ITimer? _timer;
    private int _cycleInFlight;
    private int _skippedTicks;
    private SemsInstrumentation? _instrumentation;
    private (EconomicWarmStart Start, int Cycle, int Version)? _warm;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Running && definition.State.Version is not null) StartTimer();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<string[]> Configure(DistrictDefinition districtDefinition, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(districtDefinition);
        var hash = districtDefinition.ContentHash;
        if (definition.State.Version?.Hash == hash) return []; // the same file again: resume, nothing is reset
        if (DistrictDefinitions.Problems(districtDefinition) is { Count: > 0 } invalid) return invalid.ToArray();

        var shared = districtDefinition.Shared;
        var grid = DistrictGrid.Ordered(districtDefinition);
        var subsystems = districtDefinition.Subsystems.Select(DefinitionMapper.ToEngine).ToList();
        var first = definition.State.Version is null;
        var version = new DefinitionVersion((definition.State.Version?.Number ?? 0) + 1, hash);
        var cycleStart = first ? start : state.State.Start;
        var key = this.GetPrimaryKeyString();
        var maxAge = options.Value.MeasurementMaxAge;

        // Prepare: every subsystem validates and stores the new version; only when all accepted does the coordinator switch.
        var prepared = await Task.WhenAll(districtDefinition.Subsystems.Select(async wire =>
        {
            try
            {
                var problems = await Subsystem(wire.Id).Configure(new SubsystemConfiguration(key, cycleStart, maxAge, shared, wire, version));
                return problems.Select(p => $"subsystem {wire.Id}: {p}").ToArray();
            }
            catch (Exception e)
            {
                return [$"subsystem {wire.Id}: could not be prepared ({e.Message})"];
            }
        }));
        var all = prepared.SelectMany(p => p).ToArray();
        if (all.Length > 0) return all;

        definition.State = new CoordinatorDefinitionState
        {
            Version = version,
            Shared = shared,
            Limits = DistrictGrid.RootLimits(districtDefinition, grid[0]),
            Subsystems = subsystems.Select((s, k) => new SubsystemEntry(s.Id, s.Priority,
                LocalCoordinator.PeakKw(s).ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal))
            {
                AssetIds = AssetIds(districtDefinition.Subsystems[k]),
                Node = districtDefinition.Subsystems[k].Node is { } n && n != grid[0].Id ? n : null,
                Convex = LocalCoordinator.IsConvex(s),
            }).ToList(),
            Grid = grid,
            Coordination = districtDefinition.Coordination,
        };
        await definition.WriteStateAsync();

        if (first) state.State.Start = start;
        // Run-time limits survive a new version while they still fit it.
        foreach (var (resource, limit) in state.State.Limits.ToList())
        {
            if (limit.ValuesKw.Length != shared.HorizonSteps || !DrawnResources().Contains(resource)) state.State.Limits.Remove(resource);
        }

        await Save();
        await GrainFactory.GetGrain<IDistrictDirectoryGrain>(IDistrictDirectoryGrain.Key).Register(key);
        await GrainFactory.GetGrain<IGridLimitsGrain>(key).SetContext(new LimitContext(key, shared.StepMinutes, shared.HorizonSteps,
            DrawnResources().Order(StringComparer.Ordinal).ToArray())
        {
            Nodes = districtDefinition.Grid.Length == 0 ? [] : grid.Select(n => n.Id).ToArray(),
        });
        Log.DefinitionApplied(logger, key, version.ToString(), subsystems.Count);
        return [];
    }

    public async Task<string[]> SetLimit(string resource, double[] limitKw)
    {
        var shared = definition.State.Shared ?? throw new InvalidOperationException("the district is not configured");
        var problems = new List<string>();
        if (!DrawnResources().Contains(resource))
            problems.Add($"resource: \"{resource}\" is not a resource that any supply draws");
        if (limitKw is null || limitKw.Length != shared.HorizonSteps)
            problems.Add($"limitKw: an array of {limitKw?.Length ?? 0} values is not a series of exactly {shared.HorizonSteps} steps (horizonSteps)");
        else
        {
            for (var i = 0; i < limitKw.Length; i++)
            {
                if (!double.IsFinite(limitKw[i]) || limitKw[i] < 0)
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"limitKw[{i}]: {limitKw[i]} is not a finite power in kW ≥ 0"));
            }
        }

        if (problems.Count > 0) return problems.ToArray();
        // From the next cycle: a running cycle keeps the limits it started with.
        var from = Math.Max(state.State.NextCycle, ClockCycle());
        state.State.Limits[resource] = new LimitOverride(limitKw!.ToArray(), from);
        _history.Record(new LimitChangeRecord(this.GetPrimaryKeyString(), clock.GetUtcNow(), resource, from, limitKw!.ToArray(), "api"));
        await Save();
        return [];
    }

    public Task<IReadOnlyDictionary<string, double[]>> GetLimits() =>
        Task.FromResult<IReadOnlyDictionary<string, double[]>>(LimitsAt(Math.Max(state.State.NextCycle, ClockCycle())));

    public Task<DefinitionVersion?> GetVersion() => Task.FromResult(definition.State.Version);

    public Task<DistrictInfo?> GetInfo()
    {
        if (definition.State is not { Version: { } version, Shared: { } shared }) return Task.FromResult<DistrictInfo?>(null);
        return Task.FromResult<DistrictInfo?>(new DistrictInfo(this.GetPrimaryKeyString(), version, shared,
            definition.State.Subsystems.Select(s => new DistrictSubsystemInfo(s.Id, s.Priority, s.AssetIds) { Node = s.Node ?? Grid[0].Id }).ToArray(),
            DrawnResources().Order(StringComparer.Ordinal).ToArray(),
            definition.State.Limits.Keys.Concat(state.State.Limits.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            state.State.Start, state.State.Running, state.State.NextCycle)
        {
            Nodes = Grid.Select((n, k) => new GridNodeInfo(n.Id, n.Parent,
                (k == 0 ? definition.State.Limits.Keys : n.ImportMaxKw.Keys).Order(StringComparer.Ordinal).ToArray())).ToArray(),
            Mode = definition.State.Coordination?.Mode ?? "priority",
        });
    }

    /// <summary>The grid's nodes root first; one root named after the district for a definition without a grid.</summary>
    private List<GridNodeDefinition> Grid => definition.State.Grid is { Count: > 0 } grid ? grid
        : [new GridNodeDefinition(definition.State.Shared?.Name ?? this.GetPrimaryKeyString(), null, new Dictionary<string, double[]>(), new Dictionary<string, double[]>())];

    private static string[] AssetIds(SubsystemDefinition subsystem) =>
        subsystem.Supplies.Select(s => s.Id).Concat(subsystem.Stores.Select(s => s.Id)).Concat(subsystem.Demands.Select(d => d.Id)).ToArray();

    public async Task<CoordinationCycleReport> RunCycle()
    {
        var shared = definition.State.Shared ?? throw new InvalidOperationException("the district is not configured");
        var version = definition.State.Version!;
        var entries = definition.State.Subsystems;
        var key = this.GetPrimaryKeyString();
        using var cycleActivity = Instrumentation.StartCycle(key);
        var clockStart = Stopwatch.GetTimestamp();
        var steps = shared.HorizonSteps;
        var stepHours = shared.StepMinutes / 60.0;

        // Clock-true: the current step; a cycle already run for it is re-planned at the same step, never one in the past.
        var cycle = Math.Max(ClockCycle(), state.State.NextCycle - 1);
        cycle = Math.Max(cycle, 0);
        var missed = Math.Max(0, cycle - state.State.NextCycle);
        if (missed > 0) RecordMissed(key, shared, state.State.NextCycle, cycle);
        state.State.NextCycle = cycle + 1;
        state.State.MissedCycles += missed;
        var start = StartOf(cycle, shared);
        Instrumentation.CycleStarted(cycleActivity, key, cycle, clock.GetUtcNow() - start, missed, version.ToString());
        // The DSO's limit versions over the file's and the operator's limits, as they stand when the cycle starts.
        var (tree, limitVersions, limitFallback, nodeLimits) = await EffectiveTree(key, start, steps, cycle);
        var limits = ToArrays(tree.RootLimitKw); // the DSO's: a risk margin lowers only what coordination plans against
        var nodeOf = entries.Select(e => tree.IndexOf(e.Node is { } n && tree.Contains(n) ? n : null)).ToArray();

        var budget = options.Value.CycleBudgetFraction * TimeSpan.FromMinutes(shared.StepMinutes);
        var wallBudget = ScaledTimeProvider.WallTime(clock, budget);
        TimeSpan Deadline()
        {
            var left = wallBudget - Stopwatch.GetElapsedTime(clockStart);
            var call = options.Value.CallTimeout is { } t && t < left ? t : left;
            return call > TimeSpan.FromMilliseconds(1) ? call : TimeSpan.FromMilliseconds(1);
        }

        var planDeadline = Deadline();
        var layout = UseHierarchy() ? Layout() : null;
        var resources = DrawnResources().Order(StringComparer.Ordinal).ToArray();
        var nodeCall = new NodePlanCall(cycle, version.Number, planDeadline, resources, Math.Max(1, options.Value.MaxCallsInFlight));
        var initial = layout is null
            ? await Task.WhenAll(entries.Select(e => Guard(Subsystem(e.Id).Plan(cycle, version.Number), planDeadline)))
            : await PlanThrough(layout, nodeCall, entries);
        var planningMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds;
        var failures = new Dictionary<string, (string Outcome, string Reason)>(StringComparer.Ordinal);
        var before = new Dictionary<string, SubsystemPlan>(StringComparer.Ordinal);
        var participants = new List<CoordinationParticipant>();
        for (var k = 0; k < entries.Count; k++)
        {
            var entry = entries[k];
            var (plan, failure, reason) = initial[k];
            if (plan is null)
            {
                failures[entry.Id] = (failure!, reason!);
                Log.SubsystemFailed(logger, key, cycle, entry.Id, failure!, reason!);
                participants.Add(new CoordinationParticipant(entry.Id, entry.Priority, Empty, Empty, HasPlan: false) { NoPlanDrawKw = Fallback(entry, cycle), Node = entry.Node });
                continue;
            }

            before[entry.Id] = plan;
            // Without a plan a subsystem counts its last planned draw, or else its peak: never 0 kW.
            participants.Add(new CoordinationParticipant(entry.Id, entry.Priority, AsLists(plan.MinKw), AsLists(plan.DrawKw), plan.HasPlan)
            {
                MaxKw = AsLists(plan.MaxKw),
                NoPlanDrawKw = plan.DrawKw.Count > 0 ? AsLists(plan.DrawKw) : Fallback(entry, cycle),
                Node = entry.Node,
                Convex = entry.Convex,
                ExportKw = AsLists(plan.ExportKw),
                ExportMinKw = AsLists(plan.ExportMinKw),
                ExportMaxKw = AsLists(plan.ExportMaxKw),
                UncertaintyKw = AsLists(plan.UncertaintyKw),
            });
        }

        // coordination.riskLevel: every node's import limit lowered by z(p)·√(Σ σ²) of the subsystems below it.
        var dsoTree = tree;
        var margins = definition.State.Coordination?.RiskLevel is { } riskLevel ? RiskMargin.Plan(tree, participants, riskLevel, steps) : null;
        if (margins is not null)
        {
            tree = margins.PlanningLimits;
            foreach (var warning in margins.Warnings) Log.RiskMarginWarning(logger, key, cycle, warning);
        }

        // The cost of the margin: the same coordination (priority or economic) on the DSO's limits, every call a proposal that changes no plan.
        var reference = margins is null ? null
            : definition.State.Coordination?.Mode == "economic"
                ? await EconomicReferenceWithoutMargin(cycle, steps, stepHours, dsoTree, entries, participants, before, Deadline)
                : await ReferenceWithoutMargin(cycle, steps, stepHours, dsoTree, participants, before, Deadline);

        var after = new Dictionary<string, SubsystemPlan>(before, StringComparer.Ordinal);
        // Economic mode: price rounds and the repair first; their accepted allocations stay caps for Algorithm 1 after.
        var allocations = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        var economic = definition.State.Coordination?.Mode == "economic"
            ? await RunEconomic(cycle, stepHours, steps, tree, entries, participants, before, after, failures, allocations, Deadline)
            : null;
        var priorityParticipants = economic is null ? participants : participants.Select(p => allocations.TryGetValue(p.Id, out var cap) && after.TryGetValue(p.Id, out var repaired)
            ? p with { DrawKw = AsLists(repaired.DrawKw), ExportKw = AsLists(repaired.ExportKw), MaxKw = Merge(p.MaxKw, cap) }
            : p).ToList();
        var usedCaps = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        var usedExportCaps = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, IReadOnlyList<double>> CapsOf(string id, IReadOnlyDictionary<string, IReadOnlyList<double>> tightened) =>
            // After a repair, a re-solve keeps the allocation too: the tighter of the two at every step.
            allocations.TryGetValue(id, out var allocation) ? Merge(allocation, tightened) : tightened;
        var parallel = layout is not null && options.Value.ResolveBatchSize > 1;
        CoordinationReport report;
        if (!parallel)
        {
            // Capped: a node's exportMax reaches the subsystems below it as caps on their exports (none without export limits).
            report = await Algorithm1.RunCappedAsync(stepHours, steps, tree, priorityParticipants, async (participant, tightened) =>
            {
                var caps = CapsOf(participant.Id, tightened.ImportMaxKw);
                usedCaps[participant.Id] = caps;
                usedExportCaps[participant.Id] = tightened.ExportMaxKw;
                var call = tightened.ExportMaxKw.Count == 0
                    ? Subsystem(participant.Id).Resolve(cycle, ToArrays(caps))
                    : Subsystem(participant.Id).ResolveCapped(cycle, ToArrays(caps), ToArrays(tightened.ExportMaxKw));
                var (plan, failure, reason) = await Guard(call, Deadline());
                if (plan is null)
                {
                    failures[participant.Id] = (failure!, $"re-solve: {reason}");
                    Log.SubsystemFailed(logger, key, cycle, participant.Id, failure!, reason!);
                    return new ResolvedPlan(false, participant.DrawKw, $"kept its plan: the re-solve {(failure == "timedOut" ? "timed out" : "failed")} ({reason})") { ExportKw = participant.ExportKw, Failed = true };
                }

                after[participant.Id] = plan;
                return new ResolvedPlan(plan.Accepted, AsLists(plan.DrawKw), plan.Note) { ExportKw = AsLists(plan.ExportKw) };
            }, horizonFallback: true);
        }
        else
        {
            report = await RunParallel(cycle, stepHours, steps, tree, priorityParticipants, CapsOf, usedCaps, usedExportCaps, after, failures, Deadline);
        }

        if (economic is not null) report = Combined(report, economic, participants, usedCaps, allocations, tree, steps, stepHours);
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? shortfall = null;
        if (margins is not null) (report, shortfall) = RiskMargin.AgainstLimits(report, dsoTree, stepHours);

        var coordinationMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds - planningMs;
        var commitDeadline = Deadline();
        int committed;
        if (layout is null)
        {
            var commits = await Task.WhenAll(entries.Select(e => Guard(Subsystem(e.Id).CommitFirstStep(cycle), commitDeadline)));
            committed = commits.Sum(c => c.Value);
        }
        else
        {
            committed = (await Guard(Node(layout).Commit(layout, nodeCall with { Deadline = commitDeadline }), commitDeadline + NodeMargin)).Value;
        }
        var commitMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds - planningMs - coordinationMs;

        var counted = participants.ToDictionary(p => p.Id, p => p.CountedDrawKw, StringComparer.Ordinal);
        var countedExport = participants.ToDictionary(p => p.Id, p => p.CountedExportKw, StringComparer.Ordinal);
        var finalDraw = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        var finalExport = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        var outcomes = report.Participants.Select(o =>
        {
            before.TryGetValue(o.Id, out var first);
            after.TryGetValue(o.Id, out var last);
            var drawBefore = first is null ? Empty : AsLists(first.DrawKw);
            var drawAfter = o.Resolved && o.Accepted && last is not null ? AsLists(last.DrawKw) : drawBefore;
            var countedAfter = o.Resolved && o.Accepted && last is not null ? drawAfter : counted[o.Id];
            var exportAfter = o.Resolved && o.Accepted && last is not null ? AsLists(last.ExportKw) : countedExport[o.Id];
            string outcome;
            string? note;
            if (failures.TryGetValue(o.Id, out var f)) (outcome, note) = (f.Outcome, f.Reason);
            else if (first is not { HasPlan: true }) (outcome, note) = ("noPlan", first?.Note ?? o.Note);
            else if (o.Resolved) (outcome, note) = (o.Accepted ? "tightened" : "refused", o.Note ?? first.Note);
            else (outcome, note) = ("planned", o.Note ?? first.Note);
            if (first is { HasPlan: true }) _lastDraw[o.Id] = (countedAfter, cycle);
            finalDraw[o.Id] = countedAfter;
            finalExport[o.Id] = exportAfter;
            return new SubsystemCycleOutcome(o.Id, o.Priority, first?.Status ?? outcome, last?.Status ?? first?.Status ?? outcome, o.Resolved,
                o.Resolved ? o.Accepted : first?.Accepted ?? false,
                o.TightenedMaxKw.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal),
                ToArrays(drawBefore), ToArrays(drawAfter), note, first?.HasPlan ?? false, outcome,
                (o.Resolved && !o.Accepted ? first : last)?.Objective ?? double.NaN, ToArrays(countedAfter))
            {
                TightenedExportMaxKw = ToArrays(o.TightenedExportMaxKw),
                CountedExportKw = ToArrays(exportAfter),
            };
        }).ToArray();

        // Node totals of net draws, import − export (the draws themselves when nothing exports).
        var nodes = DistrictGrid.Nodes(dsoTree, nodeOf, participants.Select(p => Net(p.CountedDrawKw, p.CountedExportKw)).ToList(),
            entries.Select(e => Net(finalDraw.GetValueOrDefault(e.Id) ?? counted[e.Id], finalExport.GetValueOrDefault(e.Id) ?? countedExport[e.Id])).ToList(), steps, stepHours);
        var wallMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds;
        var cycleReport = new CoordinationCycleReport(
            key, cycle, start, shared.StepMinutes, economic is not null ? "economic" : parallel ? Algorithm1.ParallelPriorityMode : "algorithm1",
            report.Rounds, report.Resolves, limits, ToArrays(report.DrawBeforeKw), ToArrays(report.DrawAfterKw),
            ToArrays(report.ExcessBeforeKw), ToArrays(report.ExcessAfterKw),
            new Dictionary<string, double>(report.ViolationBeforeKwh), new Dictionary<string, double>(report.ViolationAfterKwh),
            outcomes, committed, wallMs, Interlocked.Exchange(ref _skippedTicks, 0), planningMs, coordinationMs, commitMs, missed, version.ToString())
        {
            LimitVersionPerStep = limitVersions,
            LimitFallbackPerStep = limitFallback,
            ComputedAt = clock.GetUtcNow(),
            Nodes = nodes,
            RootNode = tree.RootId,
            NodeLimitVersionPerStep = nodeLimits.ToDictionary(n => n.Key, n => n.Value.VersionPerStep, StringComparer.Ordinal),
            NodeLimitFallbackPerStep = nodeLimits.ToDictionary(n => n.Key, n => n.Value.FallbackPerStep, StringComparer.Ordinal),
            EconomicGap = economic?.Gap,
            PriceRounds = economic?.Rounds,
            PrimalResidualKw = economic?.Trace.LastOrDefault()?.ProposalExcessKw,
            DualResidual = economic?.Trace.LastOrDefault()?.PriceChangePerKwh,
            Risk = margins is null ? null : await RiskCycle(margins, shortfall!, outcomes, after, before, reference),
        };

        Instrumentation.CycleCompleted(cycleActivity, cycleReport);
        _reports.Add(cycleReport);
        if (_reports.Count > options.Value.ReportsKept) _reports.RemoveRange(0, _reports.Count - options.Value.ReportsKept);
        // Only the latest report is persisted, without the per-subsystem outcomes, so a write stays small at any district size.
        state.State.Reports = [cycleReport with { Subsystems = [] }];
        RecordReport(cycleReport);
        await Save();
        await PublishCycle(key, cycleReport, stepHours);
        Log.CycleCompleted(logger, key, cycle, report.Rounds, report.Resolves,
            report.ViolationBeforeKwh.Values.Sum(), report.ViolationAfterKwh.Values.Sum(), wallMs);
        return cycleReport;
    }

    public async Task Start()
    {
        if (definition.State.Shared is null) throw new InvalidOperationException("the district is not configured");
        state.State.Running = true;
        await Save();
        // Durable: wakes the coordinator after a restart or on another silo; the timer keeps the cycle on time.
        await this.RegisterOrUpdateReminder(CycleReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTimer();
    }

    public async Task Stop()
    {
        _timer?.Dispose();
        _timer = null;
        state.State.Running = false;
        await Save();
        if (await this.GetReminder(CycleReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    public Task<CoordinationCycleReport[]> GetReports(int count)
    {
        var reports = _reports.Count > 0 ? _reports : state.State.Reports;
        return Task.FromResult(reports.Skip(Math.Max(0, reports.Count - Math.Max(0, count))).ToArray());
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CycleReminder && state.State.Running) StartTimer();
        return Task.CompletedTask;
    }

    private void StartTimer()
    {
        if (_timer is not null || definition.State.Shared is not { } shared) return;
        var period = TimeSpan.FromMinutes(shared.StepMinutes);
        var due = StartOf(state.State.NextCycle, shared) - clock.GetUtcNow();
        var self = this.AsReference<IDistrictCoordinatorGrain>();
        var district = this.GetPrimaryKeyString();
        // The clock's callback may run on any thread: hand the cycle to this activation's scheduler as a call to itself,
        // so it queues like any request and never runs beside another cycle.
        var scheduler = TaskScheduler.Current;
        _timer = clock.CreateTimer(_ =>
        {
            if (Interlocked.CompareExchange(ref _cycleInFlight, 1, 0) != 0)
            {
                Interlocked.Increment(ref _skippedTicks);
                Log.SlowCycle(logger, district);
                return;
            }

            _ = Task.Factory.StartNew(() => RunTimedCycle(self, district), CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap();
        }, null, due > TimeSpan.Zero ? due : TimeSpan.Zero, period);
    }

    private async Task RunTimedCycle(IDistrictCoordinatorGrain self, string district)
    {
        try
        {
            // A tick early for its step (timer drift) finds the step's cycle already run: nothing is due.
            if (ClockCycle() >= state.State.NextCycle) await self.RunCycle();
        }
        catch (Exception e)
        {
            Log.TimedCycleFailed(logger, district, e);
        }
        finally
        {
            Volatile.Write(ref _cycleInFlight, 0);
            // Re-aim at the next step's boundary: a periodic timer would carry every late tick's delay into the next
            // one, until a tick lands past a boundary and a cycle is missed.
            if (_timer is not null && definition.State.Shared is { } shared)
            {
                var due = StartOf(state.State.NextCycle, shared) - clock.GetUtcNow();
                _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, TimeSpan.FromMinutes(shared.StepMinutes));
            }
        }
    }

    /// <summary>⌊(now − start)/Δt⌋ on the injected clock; negative before the start.</summary>
    private int ClockCycle()
    {
        if (definition.State.Shared is not { } shared) return 0;
        var elapsed = clock.GetUtcNow() - state.State.Start;
        var step = TimeSpan.FromMinutes(shared.StepMinutes);
        return (int)Math.Floor(elapsed.Ticks / (double)step.Ticks);
    }

    private DateTimeOffset StartOf(int cycle, DistrictShared shared) => state.State.Start.AddMinutes((double)cycle * shared.StepMinutes);

    /// <summary>What Ptot counts for a subsystem without a plan this cycle: its last draw moved on to this cycle, else its peak.</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<double>> Fallback(SubsystemEntry entry, int cycle)
    {
        if (_lastDraw.TryGetValue(entry.Id, out var last))
        {
            var shift = Math.Max(0, cycle - last.Cycle);
            return last.DrawKw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value.Select((_, i) => d.Value[Math.Min(i + shift, d.Value.Count - 1)]).ToArray(), StringComparer.Ordinal);
        }

        return entry.PeakKw.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)Series.Of(p.Value).Rotate(cycle).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Plim of the horizon of <paramref name="cycle"/>: the file's limits (periodic) with run-time limits taking precedence.</summary>
    private Dictionary<string, double[]> LimitsAt(int cycle)
    {
        var limits = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (resource, values) in definition.State.Limits) limits[resource] = Series.Of(values).Rotate(cycle).ToArray();
        foreach (var (resource, limit) in state.State.Limits) limits[resource] = Series.Of(limit.ValuesKw).Rotate(cycle - limit.FromCycle).ToArray();
        return limits;
    }

    /// <summary>
    /// Plim of a horizon with the DSO's limit versions applied over <paramref name="baseKw"/>. When the limits grain cannot
    /// answer, the cycle keeps the base limits (and says so in the log) rather than not running.
    /// </summary>
    private async Task<(Dictionary<string, double[]> Kw, IReadOnlyDictionary<string, long[]> Versions, IReadOnlyDictionary<string, bool[]> Fallback)> EffectiveLimits(
        string key, DateTimeOffset start, int steps, Dictionary<string, double[]> baseKw)
    {
        try
        {
            var effective = await GrainFactory.GetGrain<IGridLimitsGrain>(key).GetEffective(start, steps, baseKw, planned: true)
                .WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
            return (effective.Kw.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), effective.VersionPerStep, effective.FallbackPerStep);
        }
        catch (Exception e)
        {
            Log.LimitsUnavailable(logger, key, e.Message);
            return (baseKw, new Dictionary<string, long[]>(), new Dictionary<string, bool[]>());
        }
    }

    /// <summary>
    /// Economic coordination (<see cref="EconomicCoordinator"/>): price rounds as parallel batches of
    /// <see cref="ISubsystemGrain.PlanPriced"/> (proposals; no subsystem's plan changes), then the repair: every priced
    /// subsystem re-solved within its allocation (<see cref="ISubsystemGrain.Resolve"/>), at most
    /// <see cref="SemsGrainOptions.MaxCallsInFlight"/> calls outstanding. Accepted allocations are returned in
    /// <paramref name="allocations"/>; the next cycle starts from this one's prices.
    /// </summary>
    private async Task<EconomicReport> RunEconomic(int cycle, double stepHours, int steps, LimitTree tree, List<SubsystemEntry> entries,
        List<CoordinationParticipant> participants, Dictionary<string, SubsystemPlan> before, Dictionary<string, SubsystemPlan> after,
        Dictionary<string, (string Outcome, string Reason)> failures, Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> allocations, Func<TimeSpan> deadline)
    {
        var (report, version) = await PriceAndRepair(cycle, stepHours, steps, tree, entries, participants, before, deadline, terms: null);
        var inFlight = Math.Max(1, options.Value.MaxCallsInFlight);
        async ValueTask<IReadOnlyList<T>> Batch<TRequest, T>(IReadOnlyList<TRequest> requests, Func<TRequest, Task<T>> call) =>
            await Bounded(requests, inFlight, call);
        _warm = (report.Warm, cycle, version);

        // Settle: every participant whose final plan is a repair re-solves under the allocation it was repaired within,
        // so it holds (and commits) the plan that was counted.
        var settled = report.Participants.Where(o => o.Repaired && o.AllocationKw.Count > 0).ToList();
        var plans = await Batch(settled, o => Guard(Subsystem(o.Id).Resolve(cycle, ToArrays(o.AllocationKw)), deadline()));
        for (var k = 0; k < settled.Count; k++)
        {
            var (plan, failure, reason) = plans[k];
            if (plan is null)
            {
                failures[settled[k].Id] = (failure!, $"repair: {reason}");
                continue;
            }

            after[settled[k].Id] = plan;
            if (plan.Accepted) allocations[settled[k].Id] = settled[k].AllocationKw;
        }

        return report;
    }

    /// <summary>
    /// The economic scheme's price rounds and repairs on <paramref name="tree"/>'s limits, every call a proposal
    /// (<see cref="ISubsystemGrain.PlanPriced"/>, <see cref="ISubsystemGrain.ProposeResolve"/>): the scheme repairs the
    /// master of every round and keeps the best certified one, so no subsystem's held plan may change until the final
    /// plans are known. Warm-started from the last cycle's duals when the definition is unchanged. With
    /// <paramref name="terms"/>, the objective terms of the initial plans and of every repaired proposal are recorded
    /// there, keyed by their draw lists.
    /// </summary>
    private async Task<(EconomicReport Report, int Version)> PriceAndRepair(int cycle, double stepHours, int steps, LimitTree tree, List<SubsystemEntry> entries,
        List<CoordinationParticipant> participants, Dictionary<string, SubsystemPlan> before, Func<TimeSpan> deadline,
        System.Collections.Concurrent.ConcurrentDictionary<object, PlanTerms?>? terms)
    {
        var economicParticipants = participants.Select((p, k) =>
        {
            var plan = before.GetValueOrDefault(p.Id);
            if (terms is not null && plan is { HasPlan: true }) terms[p.CountedDrawKw] = plan.Terms;
            return new EconomicParticipant(p.Id, p.Node, p.CountedDrawKw, plan is { HasPlan: true } ? plan.Objective : double.NaN, !entries[k].Convex, p.HasPlan && plan is { HasPlan: true })
            {
                IsOwnOptimum = plan is { HasPlan: true, Accepted: true, Status: "optimal" },
            };
        }).ToList();
        var inFlight = Math.Max(1, options.Value.MaxCallsInFlight);
        async ValueTask<IReadOnlyList<T>> Batch<TRequest, T>(IReadOnlyList<TRequest> requests, Func<TRequest, Task<T>> call) =>
            await Bounded(requests, inFlight, call);

        var version = definition.State.Version!.Number;
        var warm = _warm is { } w && w.Version == version && w.Cycle <= cycle ? w.Start.Shift(cycle - w.Cycle) : null;
        var economicOptions = EconomicOptions.Default with { MaxRounds = definition.State.Coordination?.MaxRounds ?? EconomicOptions.Default.MaxRounds };
        var report = await EconomicCoordinator.RunAsync(stepHours, steps, tree, economicParticipants,
            (requests, _) => Batch(requests, async r =>
            {
                var prices = r.PricePerKwh.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
                var (priced, failure, reason) = await Guard(Subsystem(r.Participant.Id).PlanPriced(cycle, prices), deadline());
                return priced is { HasPlan: true }
                    ? new PricedPlan(true, priced.Objective, priced.PricedBound, AsLists(priced.DrawKw))
                    : new PricedPlan(false, double.NaN, double.NaN, Empty, priced?.Reason ?? $"{failure}: {reason}");
            }),
            (requests, _) => Batch(requests, async r =>
            {
                var caps = r.MaxKw.ToDictionary(c => c.Key, c => c.Value.ToArray(), StringComparer.Ordinal);
                var (plan, _, reason) = await Guard(Subsystem(r.Participant.Id).ProposeResolve(cycle, caps), deadline());
                if (plan is null) return new RepairedPlan(false, double.NaN, Empty, $"repair: {reason}");
                if (!plan.Accepted) return new RepairedPlan(false, double.NaN, Empty, plan.Note);
                var draw = AsLists(plan.DrawKw);
                if (terms is not null) terms[draw] = plan.Terms;
                return new RepairedPlan(true, plan.Objective, draw);
            }),
            economicOptions, warm);
        return (report, version);
    }

    /// <summary>
    /// The reference the cost of the risk margin is measured against: Algorithm 1 (sequential, the allowance rule, as
    /// the cycle runs it) on the DSO's limits without the margin, every re-solve a proposal
    /// (<see cref="ISubsystemGrain.ProposeResolveCapped"/>) so no subsystem's held plan changes. Returns Σ J and the
    /// factor totals of the plans it ends with; null when a proposal failed (then no cost is claimed).
    /// </summary>
    private async Task<(double Objective, IReadOnlyDictionary<string, double> Factors)?> ReferenceWithoutMargin(int cycle, int steps, double stepHours,
        LimitTree tree, List<CoordinationParticipant> participants, Dictionary<string, SubsystemPlan> before, Func<TimeSpan> deadline)
    {
        var final = new Dictionary<string, SubsystemPlan>(StringComparer.Ordinal);
        var failed = false;
        await Algorithm1.RunCappedAsync(stepHours, steps, tree, participants, async (participant, tightened) =>
        {
            var (plan, _, reason) = await Guard(Subsystem(participant.Id).ProposeResolveCapped(cycle, ToArrays(tightened.ImportMaxKw), ToArrays(tightened.ExportMaxKw)), deadline());
            if (plan is null)
            {
                failed = true;
                return new ResolvedPlan(false, participant.DrawKw, reason) { ExportKw = participant.ExportKw, Failed = true };
            }

            if (plan.Accepted) final[participant.Id] = plan;
            return new ResolvedPlan(plan.Accepted, AsLists(plan.DrawKw), plan.Note) { ExportKw = AsLists(plan.ExportKw) };
        }, horizonFallback: true);
        if (failed) return null;
        var objective = 0.0;
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            var plan = final.GetValueOrDefault(p.Id) ?? before.GetValueOrDefault(p.Id);
            if (plan is not { HasPlan: true }) continue;
            objective += plan.Objective;
            var terms = plan.Terms ?? (await Subsystem(p.Id).GetPlan())?.Terms;
            if (terms is null) return null;
            foreach (var (factor, value) in terms.ByFactor) factors[factor] = factors.GetValueOrDefault(factor) + value;
        }

        return (objective, factors);
    }

    /// <summary>
    /// The reference for the margin's cost in economic mode: the same price rounds and repair on the DSO's limits
    /// without the margin, every call a proposal (<see cref="ISubsystemGrain.PlanPriced"/>, <see cref="ISubsystemGrain.ProposeResolve"/>),
    /// nothing settled and the warm start of the next cycle untouched. Σ J is the scheme's final plans'; the factor totals
    /// are read from the repaired proposals and the initial plans. Null (no cost claimed) when the limits do not hold
    /// after it (the cycle would then run Algorithm 1 on what remains) or a final plan is a price-round column whose
    /// terms are not reported.
    /// </summary>
    private async Task<(double Objective, IReadOnlyDictionary<string, double> Factors)?> EconomicReferenceWithoutMargin(int cycle, int steps, double stepHours,
        LimitTree tree, List<SubsystemEntry> entries, List<CoordinationParticipant> participants, Dictionary<string, SubsystemPlan> before, Func<TimeSpan> deadline)
    {
        var terms = new System.Collections.Concurrent.ConcurrentDictionary<object, PlanTerms?>(ReferenceEqualityComparer.Instance);
        var (report, _) = await PriceAndRepair(cycle, stepHours, steps, tree, entries, participants, before, deadline, terms);
        if (!report.LimitsHold) return null;
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var outcome in report.Participants)
        {
            if (!terms.TryGetValue(outcome.DrawKw, out var t) || t is null) return null;
            foreach (var (factor, value) in t.ByFactor) factors[factor] = factors.GetValueOrDefault(factor) + value;
        }

        return (report.ObjectiveTotal, factors);
    }

    /// <summary>The cycle's risk margin record: margins, planning limits, shortfall and the cost against <paramref name="reference"/>.</summary>
    private async Task<RiskMarginCycle> RiskCycle(RiskMargins margins, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> shortfall,
        SubsystemCycleOutcome[] outcomes, Dictionary<string, SubsystemPlan> after, Dictionary<string, SubsystemPlan> before,
        (double Objective, IReadOnlyDictionary<string, double> Factors)? reference)
    {
        var objective = 0.0;
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        var complete = true;
        foreach (var o in outcomes.Where(o => o.HasPlan))
        {
            var plan = o.Resolved && o.Accepted ? after.GetValueOrDefault(o.SubsystemId) : before.GetValueOrDefault(o.SubsystemId);
            objective += plan?.Objective ?? o.Objective;
            var terms = plan?.Terms ?? (await Subsystem(o.SubsystemId).GetPlan())?.Terms;
            if (terms is null)
            {
                complete = false;
                continue;
            }

            foreach (var (factor, value) in terms.ByFactor) factors[factor] = factors.GetValueOrDefault(factor) + value;
        }

        string? note = reference is null
            ? definition.State.Coordination?.Mode == "economic"
                ? "economic mode: the price rounds without the margin did not end with every limit held, or a final plan was a price-round column without reported terms"
                : "the reference run without the margin had a failed or timed-out proposal"
            : !complete ? "a subsystem's plan terms could not be read" : null;
        var planning = margins.PlanningLimits;
        return new RiskMarginCycle(margins.RiskLevel, margins.Z,
            margins.MarginKw.ToDictionary(n => n.Key, n => (IReadOnlyDictionary<string, double[]>)ToArrays(n.Value), StringComparer.Ordinal),
            planning.NodeIds.Select((id, n) => (id, n)).ToDictionary(x => x.id, x => (IReadOnlyDictionary<string, double[]>)ToArrays(planning.ImportMaxKw[x.n]), StringComparer.Ordinal),
            shortfall, margins.Warnings.ToArray(), objective,
            note is null ? reference!.Value.Objective : null,
            factors,
            note is null ? new Dictionary<string, double>(reference!.Value.Factors, StringComparer.Ordinal) : new Dictionary<string, double>(StringComparer.Ordinal),
            note);
    }

    /// <summary>
    /// Algorithm 1 with its re-solves proposed in parallel batches (<see cref="Algorithm1.RunParallelCappedAsync"/>, the
    /// sequential result by construction) through <see cref="ISubsystemGrain.ProposeResolve"/>, which changes no
    /// subsystem's plan; then every answer the algorithm used and accepted is settled with <see cref="ISubsystemGrain.Resolve"/>
    /// on the limits it was solved on, in one more parallel batch, so each subsystem holds and commits exactly the plan
    /// that was counted. A proposal that failed or timed out is reported only when the algorithm used it.
    /// </summary>
    private async Task<CoordinationReport> RunParallel(int cycle, double stepHours, int steps, LimitTree tree, List<CoordinationParticipant> participants,
        Func<string, IReadOnlyDictionary<string, IReadOnlyList<double>>, IReadOnlyDictionary<string, IReadOnlyList<double>>> capsOf,
        Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> usedCaps,
        Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> usedExportCaps, Dictionary<string, SubsystemPlan> after,
        Dictionary<string, (string Outcome, string Reason)> failures, Func<TimeSpan> deadline)
    {
        var key = this.GetPrimaryKeyString();
        var inFlight = Math.Max(1, options.Value.MaxCallsInFlight);
        // Every answer handed to the algorithm, by identity: the limits it was solved on and why it failed, if it did.
        var answers = new Dictionary<ResolvedPlan, (IReadOnlyDictionary<string, IReadOnlyList<double>> Caps, IReadOnlyDictionary<string, IReadOnlyList<double>> ExportCaps, string? Failure, string? Reason)>(ReferenceEqualityComparer.Instance);
        var report = await Algorithm1.RunParallelCappedAsync(stepHours, steps, tree, participants, async requests =>
        {
            return await Bounded(requests, inFlight, async request =>
            {
                var caps = capsOf(request.Participant.Id, request.Caps.ImportMaxKw);
                var exportCaps = request.Caps.ExportMaxKw;
                var call = exportCaps.Count == 0
                    ? Subsystem(request.Participant.Id).ProposeResolve(cycle, ToArrays(caps))
                    : Subsystem(request.Participant.Id).ProposeResolveCapped(cycle, ToArrays(caps), ToArrays(exportCaps));
                var (plan, failure, reason) = await Guard(call, deadline());
                var answer = plan is null
                    ? new ResolvedPlan(false, request.Participant.DrawKw, $"kept its plan: the re-solve {(failure == "timedOut" ? "timed out" : "failed")} ({reason})") { ExportKw = request.Participant.ExportKw, Failed = true }
                    : new ResolvedPlan(plan.Accepted, AsLists(plan.DrawKw), plan.Note) { ExportKw = AsLists(plan.ExportKw) };
                lock (answers) answers[answer] = (caps, exportCaps, failure, reason);
                return answer;
            });
        }, Math.Max(1, options.Value.ResolveBatchSize), horizonFallback: true);

        var settle = new List<(string Id, IReadOnlyDictionary<string, IReadOnlyList<double>> Caps, IReadOnlyDictionary<string, IReadOnlyList<double>> ExportCaps)>();
        foreach (var o in report.Participants.Where(o => o.Resolved && o.Plan is not null))
        {
            if (!answers.TryGetValue(o.Plan!, out var answer)) continue;
            usedCaps[o.Id] = answer.Caps;
            usedExportCaps[o.Id] = answer.ExportCaps;
            if (answer.Failure is not null)
            {
                failures[o.Id] = (answer.Failure, $"re-solve: {answer.Reason}");
                Log.SubsystemFailed(logger, key, cycle, o.Id, answer.Failure, answer.Reason!);
            }
            else if (o.Accepted)
            {
                settle.Add((o.Id, answer.Caps, answer.ExportCaps));
            }
        }

        // Settled on the very caps the used answer was solved with, export caps included.
        var settled = await Bounded(settle, inFlight, async s => (s.Id, Result: await Guard(s.ExportCaps.Count == 0
            ? Subsystem(s.Id).Resolve(cycle, ToArrays(s.Caps))
            : Subsystem(s.Id).ResolveCapped(cycle, ToArrays(s.Caps), ToArrays(s.ExportCaps)), deadline())));
        foreach (var (id, (plan, failure, reason)) in settled)
        {
            if (plan is not null) after[id] = plan;
            // Rare: the settling re-solve did not reproduce the proposal (or failed); the subsystem then holds its last
            // feasible plan, and the report names it.
            if (plan is null || !plan.Accepted)
                failures[id] = (failure ?? "failed", $"settling its accepted re-solve: {reason ?? plan?.Note ?? "not accepted"}");
        }

        return report;
    }

    /// <summary>
    /// One cycle's report of economic mode: the totals before are the plans' before any price round; a subsystem repaired
    /// within its allocation counts as tightened by it (and by Algorithm 1's caps when it re-solved it after), one that
    /// refused its allocation as refused.
    /// </summary>
    private static CoordinationReport Combined(CoordinationReport priority, EconomicReport economic, List<CoordinationParticipant> participants,
        Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> usedCaps,
        Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> allocations, LimitTree tree, int steps, double stepHours)
    {
        var limits = tree.RootLimitKw;
        var totalBefore = Algorithm1.Total(limits.Keys, participants.Select(p => Net(p.CountedDrawKw, p.CountedExportKw)), steps);
        var excessBefore = Algorithm1.Excess(limits, totalBefore);
        var byId = economic.Participants.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var outcomes = priority.Participants.Select(o =>
        {
            var allocated = allocations.TryGetValue(o.Id, out var cap);
            if (o.Resolved && usedCaps.TryGetValue(o.Id, out var used))
                // A refused re-solve after an accepted repair leaves the repaired plan held: it counts as tightened by the allocation.
                return o.Accepted ? o with { TightenedMaxKw = used } : allocated ? o with { TightenedMaxKw = cap!, Accepted = true } : o;
            if (allocated) return o with { TightenedMaxKw = cap!, Resolved = true, Accepted = true, Note = o.Note ?? "re-solved within its economic allocation" };
            if (byId.TryGetValue(o.Id, out var e) && e.AllocationKw.Count > 0)
                return o with { TightenedMaxKw = e.AllocationKw, Resolved = true, Accepted = false, Note = e.Note ?? "refused its economic allocation: kept its plan" };
            return o;
        }).ToList();
        return priority with
        {
            DrawBeforeKw = totalBefore,
            ExcessBeforeKw = excessBefore,
            ViolationBeforeKwh = excessBefore.ToDictionary(e => e.Key, e => e.Value.Sum() * stepHours, StringComparer.Ordinal),
            Resolves = priority.Resolves + economic.Participants.Count(p => p.AllocationKw.Count > 0),
            Participants = outcomes,
        };
    }

    /// <summary>The tighter of two sets of caps at every step, over the resources of both.</summary>
    /// <summary>Calls <paramref name="call"/> for every request with at most <paramref name="inFlight"/> outstanding; answers in request order.</summary>
    private static async Task<IReadOnlyList<T>> Bounded<TRequest, T>(IReadOnlyList<TRequest> requests, int inFlight, Func<TRequest, Task<T>> call)
    {
        var answers = new T[requests.Count];
        using var slots = new SemaphoreSlim(inFlight);
        await Task.WhenAll(requests.Select(async (request, a) =>
        {
            await slots.WaitAsync();
            try
            {
                answers[a] = await call(request);
            }
            finally
            {
                slots.Release();
            }
        }));
        return answers;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Merge(IReadOnlyDictionary<string, IReadOnlyList<double>> a, IReadOnlyDictionary<string, IReadOnlyList<double>> b)
    {
        var merged = a.ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        foreach (var (resource, cap) in b) merged[resource] = merged.TryGetValue(resource, out var other) ? other.Zip(cap, Math.Min).ToArray() : cap;
        return merged;
    }

    /// <summary>Extra wall time a node coordinator's answer may take beyond its subsystems' deadline (its own fan-in).</summary>
    private static readonly TimeSpan NodeMargin = TimeSpan.FromSeconds(2);

    /// <summary>A grid, or a one-node district of at least <see cref="SemsGrainOptions.HierarchyMinSubsystems"/> subsystems, plans through the node coordinators.</summary>
    private bool UseHierarchy() => Grid.Count > 1 || definition.State.Subsystems.Count >= Math.Max(1, options.Value.HierarchyMinSubsystems);

    private INodeCoordinatorGrain Node(NodeLayout layout) => GrainFactory.GetGrain<INodeCoordinatorGrain>($"{this.GetPrimaryKeyString()}/{layout.Key}");

    /// <summary>
    /// Every subsystem's plan through the hierarchy, in <paramref name="entries"/>' order: the node coordinators' answers,
    /// or for a subtree that did not answer in time, why.
    /// </summary>
    private async Task<(SubsystemPlan? Value, string? Failure, string? Reason)[]> PlanThrough(NodeLayout layout, NodePlanCall call, List<SubsystemEntry> entries)
    {
        var (batch, failure, reason) = await Guard(Node(layout).Plan(layout, call), call.Deadline + NodeMargin);
        var plans = batch?.Plans.ToDictionary(p => p.Id, StringComparer.Ordinal) ?? [];
        return entries.Select(e => plans.TryGetValue(e.Id, out var digest)
            ? digest.Failure is null ? (NodeCoordinatorGrain.ToPlan(digest, call.Resources), null, null) : ((SubsystemPlan?)null, digest.Failure, digest.Reason)
            : (null, failure ?? "failed", reason ?? "its node coordinator did not answer for it")).ToArray();
    }

    /// <summary>
    /// The hierarchy of node coordinators over the grid: each node holds the subsystems connected to it; a node with
    /// more than <see cref="SemsGrainOptions.NodeFanOut"/> subsystems or children calls them through groups of that size.
    /// </summary>
    private NodeLayout Layout()
    {
        var grid = Grid;
        var fanOut = Math.Max(2, options.Value.NodeFanOut);
        var own = grid.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var e in definition.State.Subsystems) own[e.Node is { } n && own.ContainsKey(n) ? n : grid[0].Id].Add(e.Id);
        var children = grid.Where(n => n.Parent is not null).GroupBy(n => n.Parent!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(n => n.Id).ToList(), StringComparer.Ordinal);

        NodeLayout Build(string id)
        {
            var below = (children.GetValueOrDefault(id) ?? []).Select(Build).ToList();
            var subsystems = own[id];
            if (subsystems.Count > fanOut)
            {
                below.InsertRange(0, subsystems.Chunk(fanOut).Select((chunk, g) => new NodeLayout(string.Create(CultureInfo.InvariantCulture, $"{id}~{g}"), chunk, [])));
                subsystems = [];
            }

            // Bounded fan-out over children too: groups of groups until one node calls at most fanOut of them.
            for (var level = 0; below.Count > fanOut; level++)
            {
                var lvl = level;
                below = below.Chunk(fanOut).Select((chunk, g) => new NodeLayout(string.Create(CultureInfo.InvariantCulture, $"{id}~{lvl}.{g}"), [], chunk)).ToList();
            }

            return new NodeLayout(id, subsystems.ToArray(), below.ToArray());
        }

        return Build(grid[0].Id);
    }

    /// <summary>
    /// The limit tree of a horizon: per node the file's limits (the root's with the operator's over them) and the DSO's
    /// versions of that node over them. A one-node district asks for the root's limits alone, as before the grid.
    /// </summary>
    private async Task<(LimitTree Tree, IReadOnlyDictionary<string, long[]> Versions, IReadOnlyDictionary<string, bool[]> Fallback, Dictionary<string, EffectiveLimits> Below)> EffectiveTree(
        string key, DateTimeOffset start, int steps, int cycle)
    {
        var grid = Grid;
        var rootBase = LimitsAt(cycle);
        var parents = grid.Select(n => n.Parent is null ? -1 : grid.FindIndex(p => p.Id == n.Parent)).ToList();
        // exportMax: the file's, periodic like its other series (the DSO's versions limit imports only).
        var exportLimits = grid.Select(n => (IReadOnlyDictionary<string, IReadOnlyList<double>>)n.ExportMaxKw.ToDictionary(
            l => l.Key, l => (IReadOnlyList<double>)Series.Of(l.Value).Rotate(cycle).ToArray(), StringComparer.Ordinal)).ToList();
        if (grid.Count == 1)
        {
            var (kw, versions, fallback) = await EffectiveLimits(key, start, steps, rootBase);
            return (new LimitTree([grid[0].Id], [-1], [AsLists(kw)], exportLimits), versions, fallback, []);
        }

        var bases = new Dictionary<string, IReadOnlyDictionary<string, double[]>>(StringComparer.Ordinal);
        for (var k = 0; k < grid.Count; k++)
        {
            bases[grid[k].Id] = k == 0 ? rootBase : grid[k].ImportMaxKw.ToDictionary(l => l.Key, l => Series.Of(l.Value).Rotate(cycle).ToArray(), StringComparer.Ordinal);
        }

        IReadOnlyDictionary<string, EffectiveLimits> effective;
        try
        {
            effective = await GrainFactory.GetGrain<IGridLimitsGrain>(key).GetEffectivePerNode(start, steps, bases, planned: true)
                .WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        }
        catch (Exception e)
        {
            Log.LimitsUnavailable(logger, key, e.Message);
            effective = bases.ToDictionary(b => b.Key, b => new EffectiveLimits(b.Value, new Dictionary<string, long[]>(), new Dictionary<string, bool[]>()), StringComparer.Ordinal);
        }

        var limits = grid.Select(n => AsLists(effective.TryGetValue(n.Id, out var e) ? e.Kw : bases[n.Id])).ToList();
        var root = effective.GetValueOrDefault(grid[0].Id);
        return (new LimitTree(grid.Select(n => n.Id).ToList(), parents, limits, exportLimits),
            root?.VersionPerStep ?? new Dictionary<string, long[]>(), root?.FallbackPerStep ?? new Dictionary<string, bool[]>(),
            grid.Skip(1).Where(n => effective.ContainsKey(n.Id)).ToDictionary(n => n.Id, n => effective[n.Id], StringComparer.Ordinal));
    }

    /// <summary>Tells the district's status grain (and so every stream) that a cycle completed; a failure there never fails the cycle.</summary>
    private async Task PublishCycle(string key, CoordinationCycleReport report, double stepHours)
    {
        try
        {
            var firstStep = report.ExcessAfterKw.ToDictionary(e => e.Key, e => e.Value.Length > 0 ? e.Value[0] * stepHours : 0, StringComparer.Ordinal);
            await GrainFactory.GetGrain<IDistrictStatusGrain>(key).PublishCycle(new CycleNotice(report.Cycle, report.Start, firstStep))
                .WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        }
        catch (Exception e)
        {
            Log.StatusUnavailable(logger, key, report.Cycle, e.Message);
        }
    }

    private HashSet<string> DrawnResources() => definition.State.Subsystems.SelectMany(s => s.PeakKw.Keys).ToHashSet(StringComparer.Ordinal);

    private void RecordMissed(string key, DistrictShared shared, int from, int to)
    {
        Log.CyclesMissed(logger, key, to - from, to);
        var empty = new Dictionary<string, IReadOnlyList<double>>();
        for (var k = Math.Max(from, to - MissedRecordsKept); k < to; k++)
        {
            _history.Record(new ReportRecord(key, StartOf(k, shared), k, "algorithm1", true, 0, 0, empty, empty, empty, empty, empty,
                new Dictionary<string, double>(), new Dictionary<string, double>(), [], 0, 0, shared.StepMinutes));
        }
    }

    private void RecordReport(CoordinationCycleReport r)
    {
        static IReadOnlyDictionary<string, IReadOnlyList<double>> L(IReadOnlyDictionary<string, double[]> v) => v.ToDictionary(x => x.Key, x => (IReadOnlyList<double>)x.Value, StringComparer.Ordinal);
        _history.Record(new ReportRecord(r.DistrictId, r.Start, r.Cycle, r.Mode, false, r.Rounds, r.Resolves, L(r.LimitKw), L(r.DrawBeforeKw), L(r.DrawAfterKw),
            L(r.ExcessBeforeKw), L(r.ExcessAfterKw), r.ViolationBeforeKwh, r.ViolationAfterKwh,
            r.Subsystems.Select(s => new SubsystemOutcomeRecord(s.SubsystemId, s.Priority, s.Status, s.Outcome, s.Note)).ToArray(),
            r.SetpointsCommitted, r.WallMs, r.StepMinutes));
    }

    /// <summary>Serialises state writes: SetLimit interleaves with a running cycle.</summary>
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

    /// <summary>A subsystem call within its deadline: the answer, or why there is none ("failed" or "timedOut").</summary>
    private static async Task<(T? Value, string? Failure, string? Reason)> Guard<T>(Task<T> call, TimeSpan deadline)
    {
        try
        {
            return (await call.WaitAsync(deadline, TimeProvider.System), null, null);
        }
        catch (TimeoutException)
        {
            return (default, "timedOut", string.Create(CultureInfo.InvariantCulture, $"no answer within its deadline of {deadline.TotalSeconds:0.###} s"));
        }
        catch (Exception e)
        {
            return (default, "failed", $"{e.GetType().Name}: {e.Message}");
        }
    }

    private SemsInstrumentation Instrumentation => _instrumentation ??= SemsInstrumentation.From(ServiceProvider);

    private ISubsystemGrain Subsystem(string id) => GrainFactory.GetGrain<ISubsystemGrain>($"{this.GetPrimaryKeyString()}/{id}");

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Empty = new Dictionary<string, IReadOnlyList<double>>();

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> AsLists(IReadOnlyDictionary<string, double[]> values) =>
        values.ToDictionary(v => v.Key, v => (IReadOnlyList<double>)v.Value, StringComparer.Ordinal);

    /// <summary>import − export per resource and step, kW: the draw itself when it exports nothing.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Net(IReadOnlyDictionary<string, IReadOnlyList<double>> drawKw, IReadOnlyDictionary<string, IReadOnlyList<double>> exportKw) =>
        Sems.Engine.Mpc.SubsystemResult.Net(drawKw, exportKw);

    private static IReadOnlyDictionary<string, double[]> ToArrays(IReadOnlyDictionary<string, IReadOnlyList<double>> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToArray(), StringComparer.Ordinal);
}
