using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sems.Contracts;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Grains;

/// <summary>
/// The district coordinator: fans plans out to the subsystem grains in parallel, runs Algorithm 1 (the engine's pure
/// implementation) with re-solves through the subsystem grains, commits step 0 of every plan held as set-points, and
/// records a report per cycle. On <see cref="Start"/> it runs a cycle every step on the injected clock; cycles never
/// overlap: a tick that finds a cycle running is dropped and counted.
/// </summary>
public sealed class DistrictCoordinatorGrain(
    [PersistentState("district", SemsGrainOptions.Storage)] IPersistentState<CoordinatorState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    IOptions<SemsGrainOptions> options,
    ILogger<DistrictCoordinatorGrain> logger) : Grain, IDistrictCoordinatorGrain
{
    private readonly List<CoordinationCycleReport> _reports = [];
    private District? _district;
    private ITimer? _timer;
    private int _cycleInFlight;
    private int _skippedTicks;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.DistrictJson is { } json) _district = DistrictReader.Read(json).District;
        if (state.State.Running && _district is not null) StartTimer();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<string[]> Configure(string districtJson, DateTimeOffset start)
    {
        var read = DistrictReader.Read(districtJson);
        if (!read.IsValid) return read.Errors.Select(e => e.ToString()).ToArray();
        var district = read.District!;
        var maxAge = options.Value.MeasurementMaxAge;
        var parts = DistrictJsonSplitter.Split(districtJson);
        var problems = await Task.WhenAll(parts.Select(p => Subsystem(p.SubsystemId).Configure(new SubsystemConfiguration(this.GetPrimaryKeyString(), p.Json, start, maxAge))));
        var all = problems.SelectMany((errors, k) => errors.Select(e => $"subsystem {parts[k].SubsystemId}: {e}")).ToArray();
        if (all.Length > 0) return all;

        _district = district;
        state.State = new CoordinatorState
        {
            DistrictJson = districtJson,
            Start = start,
            Running = state.State.Running,
            Subsystems = district.Subsystems.Select(s => new SubsystemEntry(s.Id, s.Priority)).ToList(),
        };
        await state.WriteStateAsync();
        return [];
    }

    public async Task<string[]> SetLimit(string resource, double[] limitKw)
    {
        var district = _district ?? throw new InvalidOperationException("the district is not configured");
        var problems = new List<string>();
        if (!district.Subsystems.SelectMany(s => s.DrawnResources).Contains(resource, StringComparer.Ordinal))
            problems.Add($"resource: \"{resource}\" is not a resource that any supply draws");
        if (limitKw is null || limitKw.Length != district.HorizonSteps)
            problems.Add($"limitKw: an array of {limitKw?.Length ?? 0} values is not a series of exactly {district.HorizonSteps} steps (horizonSteps)");
        else
        {
            for (var i = 0; i < limitKw.Length; i++)
            {
                if (!double.IsFinite(limitKw[i]) || limitKw[i] < 0)
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"limitKw[{i}]: {limitKw[i]} is not a finite power in kW ≥ 0"));
            }
        }

        if (problems.Count > 0) return problems.ToArray();
        state.State.Limits[resource] = new LimitOverride(limitKw!.ToArray(), state.State.NextCycle);
        await state.WriteStateAsync();
        return [];
    }

    public Task<IReadOnlyDictionary<string, double[]>> GetLimits() =>
        Task.FromResult<IReadOnlyDictionary<string, double[]>>(LimitsAt(state.State.NextCycle));

    public async Task<CoordinationCycleReport> RunCycle()
    {
        var district = _district ?? throw new InvalidOperationException("the district is not configured");
        var clockStart = Stopwatch.GetTimestamp();
        var cycle = state.State.NextCycle;
        var entries = state.State.Subsystems;

        var initial = await Task.WhenAll(entries.Select(e => Subsystem(e.Id).Plan(cycle)));
        var planningMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds;
        var before = initial.ToDictionary(p => p.SubsystemId, StringComparer.Ordinal);
        var plans = new Dictionary<string, SubsystemPlan>(before, StringComparer.Ordinal);
        var shifted = Sems.Engine.Horizon.RecedingHorizon.Shift(district, cycle).Subsystems.ToDictionary(s => s.Id, StringComparer.Ordinal);
        // Without a plan a subsystem counts its last planned draw, or else its Pmax: never 0 kW.
        var participants = initial.Select(p => new CoordinationParticipant(p.SubsystemId, p.Priority, AsLists(p.MinKw), AsLists(p.DrawKw), p.HasPlan)
        {
            MaxKw = shifted[p.SubsystemId].Resources.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)r.Value.Max.ToArray(), StringComparer.Ordinal),
            NoPlanDrawKw = p.DrawKw.Count > 0 ? AsLists(p.DrawKw) : LocalCoordinator.PeakKw(shifted[p.SubsystemId]),
        }).ToList();
        var limits = LimitsAt(cycle);

        var report = await Algorithm1.RunAsync(district.StepHours, district.HorizonSteps, AsLists(limits), participants, async (participant, tightened) =>
        {
            var plan = await Subsystem(participant.Id).Resolve(cycle, tightened.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal));
            plans[participant.Id] = plan;
            return new ResolvedPlan(plan.Accepted, AsLists(plan.DrawKw), plan.Note);
        });

        var coordinationMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds - planningMs;
        var committed = (await Task.WhenAll(entries.Select(e => Subsystem(e.Id).CommitFirstStep()))).Sum();
        var commitMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds - planningMs - coordinationMs;
        var outcomes = report.Participants.Select(o =>
        {
            var first = before[o.Id];
            var after = plans[o.Id];
            return new SubsystemCycleOutcome(o.Id, o.Priority, first.Status, after.Status, o.Resolved, o.Resolved ? o.Accepted : first.Accepted,
                o.TightenedMaxKw.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal),
                first.DrawKw, o.Accepted ? after.DrawKw : first.DrawKw, o.Note ?? first.Note, o.Resolved && !o.Accepted ? first : after);
        }).ToArray();

        var wallMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds;
        var cycleReport = new CoordinationCycleReport(
            this.GetPrimaryKeyString(), cycle, state.State.Start.AddMinutes((double)cycle * district.StepMinutes), district.StepMinutes, "algorithm1",
            report.Rounds, report.Resolves, limits, ToArrays(report.DrawBeforeKw), ToArrays(report.DrawAfterKw),
            ToArrays(report.ExcessBeforeKw), ToArrays(report.ExcessAfterKw),
            new Dictionary<string, double>(report.ViolationBeforeKwh), new Dictionary<string, double>(report.ViolationAfterKwh),
            outcomes, committed, wallMs, Interlocked.Exchange(ref _skippedTicks, 0), planningMs, coordinationMs, commitMs);

        state.State.NextCycle = cycle + 1;
        // Reports live in memory (the latest ReportsKept); only the latest is persisted, so a write stays small.
        _reports.Add(Slim(cycleReport));
        if (_reports.Count > options.Value.ReportsKept) _reports.RemoveRange(0, _reports.Count - options.Value.ReportsKept);
        state.State.Reports = [_reports[^1]];
        await state.WriteStateAsync();
        Log.CycleCompleted(logger, this.GetPrimaryKeyString(), cycle, report.Rounds, report.Resolves,
            report.ViolationBeforeKwh.Values.Sum(), report.ViolationAfterKwh.Values.Sum(), wallMs);
        return cycleReport;
    }

    public async Task Start()
    {
        if (_district is null) throw new InvalidOperationException("the district is not configured");
        state.State.Running = true;
        await state.WriteStateAsync();
        StartTimer();
    }

    public async Task Stop()
    {
        _timer?.Dispose();
        _timer = null;
        state.State.Running = false;
        await state.WriteStateAsync();
    }

    public Task<CoordinationCycleReport[]> GetReports(int count)
    {
        var reports = _reports.Count > 0 ? _reports : state.State.Reports;
        return Task.FromResult(reports.Skip(Math.Max(0, reports.Count - Math.Max(0, count))).ToArray());
    }

    private void StartTimer()
    {
        if (_timer is not null || _district is null) return;
        var period = TimeSpan.FromMinutes(_district.StepMinutes);
        var due = state.State.Start + state.State.NextCycle * period - clock.GetUtcNow();
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
            await self.RunCycle();
        }
        catch (Exception e)
        {
            Log.TimedCycleFailed(logger, district, e);
        }
        finally
        {
            Volatile.Write(ref _cycleInFlight, 0);
        }
    }

    /// <summary>Plim of the horizon of <paramref name="cycle"/>: the file's limits (periodic) with run-time limits taking precedence.</summary>
    private Dictionary<string, double[]> LimitsAt(int cycle)
    {
        var limits = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (_district is null) return limits;
        foreach (var (resource, series) in _district.DistrictLimits) limits[resource] = series.Rotate(cycle).ToArray();
        foreach (var (resource, limit) in state.State.Limits) limits[resource] = Series.Of(limit.ValuesKw).Rotate(cycle - limit.FromCycle).ToArray();
        return limits;
    }

    /// <summary>
    /// The report as kept in state: without each plan's full trajectories (ResultJson) and set-points, which the caller of
    /// <see cref="RunCycle"/> receives and the subsystem grains keep; a day of reports would otherwise weigh tens of MB.
    /// </summary>
    private static CoordinationCycleReport Slim(CoordinationCycleReport report) => report with
    {
        Subsystems = report.Subsystems.Select(s => s with
        {
            Plan = s.Plan with { ResultJson = "", FirstStep = new Dictionary<string, IReadOnlyDictionary<string, double>>() },
        }).ToArray(),
    };

    private ISubsystemGrain Subsystem(string id) => GrainFactory.GetGrain<ISubsystemGrain>($"{this.GetPrimaryKeyString()}/{id}");

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> AsLists(IReadOnlyDictionary<string, double[]> values) =>
        values.ToDictionary(v => v.Key, v => (IReadOnlyList<double>)v.Value, StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, double[]> ToArrays(IReadOnlyDictionary<string, IReadOnlyList<double>> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToArray(), StringComparer.Ordinal);
}
