namespace Sems.Engine.Market;

/// <summary>
/// One iteration's exchange in process: every requested prosumer's MILP is solved here (<see cref="ProsumerSolver"/>),
/// at most <c>maxDegreeOfParallelism</c> at a time. Prosumers that a third-party system answers for
/// (<see cref="Prosumer.External"/>) cannot be solved here and are answered with a problem, as is an unknown id or an
/// invalid request; an infeasible prosumer is answered with its solver's problem. With <c>keepModels</c> each
/// prosumer's relaxation stays loaded between rounds (<see cref="ProsumerWorkspace"/>): later rounds start warm.
/// </summary>
public sealed class LocalMarketRound : IMarketRound, IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProsumerWorkspace>? _workspaces;
    private readonly Dictionary<string, Prosumer> _prosumers;
    private readonly double _stepHours;
    private readonly ProsumerSolverOptions _options;
    private readonly int _maxDegreeOfParallelism;

    /// <param name="prosumers">The community's prosumers, ids unique.</param>
    /// <param name="stepHours">Δt of the market's steps, hours &gt; 0.</param>
    /// <param name="maxDegreeOfParallelism">The most prosumers solved at once, ≥ 1.</param>
    /// <param name="options">How each prosumer is solved; null = <see cref="ProsumerSolverOptions.Default"/>.</param>
    /// <param name="keepModels">Keep each prosumer's relaxation loaded between rounds (faster; where schedules tie at
    /// the optimum, the one returned may depend on earlier rounds; 0.3–0.9 MB of native memory per prosumer, see
    /// <see cref="ProsumerWorkspace"/>). Dispose the round to free them.</param>
    public LocalMarketRound(IReadOnlyList<Prosumer> prosumers, double stepHours, int maxDegreeOfParallelism, ProsumerSolverOptions? options = null, bool keepModels = false)
    {
        ArgumentNullException.ThrowIfNull(prosumers);
        if (!double.IsFinite(stepHours) || stepHours <= 0)
            throw new ArgumentException($"stepHours must be a finite number of hours > 0, got {stepHours.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", nameof(stepHours));
        if (maxDegreeOfParallelism < 1)
            throw new ArgumentException($"maxDegreeOfParallelism must be ≥ 1, got {maxDegreeOfParallelism}.", nameof(maxDegreeOfParallelism));
        _prosumers = new Dictionary<string, Prosumer>(prosumers.Count, StringComparer.Ordinal);
        foreach (var prosumer in prosumers)
        {
            ArgumentNullException.ThrowIfNull(prosumer, nameof(prosumers));
            if (!_prosumers.TryAdd(prosumer.Id, prosumer))
                throw new ArgumentException($"Prosumer id \"{prosumer.Id}\" appears twice; ids must be unique.", nameof(prosumers));
        }

        _stepHours = stepHours;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _options = options ?? ProsumerSolverOptions.Default;
        if (keepModels) _workspaces = new(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var replies = new ProsumerReply[requests.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), parallel, (k, _) =>
        {
            replies[k] = Answer(requests[k]);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        return replies;
    }

    /// <summary>One reply: the schedule, or why there is none.</summary>
    private ProsumerReply Answer(ProsumerRequest request)
    {
        if (request is null) return new ProsumerReply("", null, "invalid request: null");
        if (!_prosumers.TryGetValue(request.ProsumerId, out var prosumer))
            return new ProsumerReply(request.ProsumerId, null, $"unknown prosumer \"{request.ProsumerId}\": it is not a member of this market");
        if (prosumer.External)
            return new ProsumerReply(request.ProsumerId, null, $"prosumer \"{request.ProsumerId}\" is external: it answers over the adapter, not in process");
        try
        {
            ProsumerSolution solution;
            if (_workspaces is null) solution = ProsumerSolver.Solve(prosumer, _stepHours, request, _options);
            else
            {
                var workspace = _workspaces.GetOrAdd(prosumer.Id, _ => new ProsumerWorkspace(prosumer, _stepHours, _options));
                lock (workspace) solution = workspace.Solve(request); // a prosumer asked twice in one round waits for itself
            }

            return new ProsumerReply(request.ProsumerId, solution.Schedule, solution.Problem);
        }
        catch (ArgumentException e)
        {
            return new ProsumerReply(request.ProsumerId, null, $"invalid request: {e.Message}");
        }
    }

    /// <summary>Frees the relaxations kept with <c>keepModels</c>.</summary>
    public void Dispose()
    {
        if (_workspaces is null) return;
        foreach (var workspace in _workspaces.Values)
        {
            lock (workspace) workspace.Dispose();
        }

        _workspaces.Clear();
    }
}
