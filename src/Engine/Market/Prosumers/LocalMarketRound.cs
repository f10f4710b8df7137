namespace Sems.Engine.Market;

/// <summary>
/// One iteration's exchange in process: every requested prosumer's MILP is solved here (<see cref="ProsumerSolver"/>),
/// at most <c>maxDegreeOfParallelism</c> at a time. Prosumers that a third-party system answers for
/// (<see cref="Prosumer.External"/>) cannot be solved here and are answered with a problem, as is an unknown id or an
/// invalid request; an infeasible prosumer is answered with its solver's problem.
/// </summary>
public sealed class LocalMarketRound : IMarketRound
{
    private readonly Dictionary<string, Prosumer> _prosumers;
    private readonly double _stepHours;
    private readonly ProsumerSolverOptions _options;
    private readonly int _maxDegreeOfParallelism;

    /// <param name="prosumers">The community's prosumers, ids unique.</param>
    /// <param name="stepHours">Δt of the market's steps, hours &gt; 0.</param>
    /// <param name="maxDegreeOfParallelism">The most prosumers solved at once, ≥ 1.</param>
    /// <param name="options">How each prosumer is solved; null = <see cref="ProsumerSolverOptions.Default"/>.</param>
    public LocalMarketRound(IReadOnlyList<Prosumer> prosumers, double stepHours, int maxDegreeOfParallelism, ProsumerSolverOptions? options = null)
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
            var solution = ProsumerSolver.Solve(prosumer, _stepHours, request, _options);
            return new ProsumerReply(request.ProsumerId, solution.Schedule, solution.Problem);
        }
        catch (ArgumentException e)
        {
            return new ProsumerReply(request.ProsumerId, null, $"invalid request: {e.Message}");
        }
    }
}
