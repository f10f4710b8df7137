using System.Globalization;
using Sems.Contracts.Market;
using Sems.Engine.Market;

namespace Sems.Grains.Market;

/// <summary>
/// One market iteration over the prosumer grains of a community: every request goes to grain "community/prosumer",
/// at most <c>maxCallsInFlight</c> at once (each grain solves on its silo's bounded solver pool), and the replies come
/// back in request order. Under <see cref="MissingProsumerPolicy.SettleWithout"/> the iteration has
/// <see cref="MarketSettings.ResponseTimeout"/> from its start: a prosumer whose answer is not in by then (or whose
/// grain failed) gets a reply with the problem; under <see cref="MissingProsumerPolicy.Wait"/> only a failed call does.
/// </summary>
public sealed class GrainMarketRound : IMarketRound
{
    private readonly IGrainFactory _grains;
    private readonly string _community;
    private readonly int _stepMinutes;
    private readonly MarketSettings _settings;
    private readonly int _maxCallsInFlight;
    private readonly TimeProvider _clock;

    /// <param name="grains">Where the prosumer grains are called.</param>
    /// <param name="community">The community's name, the first part of every prosumer grain's key.</param>
    /// <param name="stepMinutes">Δt of the market's steps, minutes.</param>
    /// <param name="settings">The market's options (the response timeout and what to do about a missing answer).</param>
    /// <param name="maxCallsInFlight">The most prosumer calls outstanding at once, ≥ 1.</param>
    /// <param name="clock">Measures the iteration's deadline (wall time); the system clock when null.</param>
    public GrainMarketRound(IGrainFactory grains, string community, int stepMinutes, MarketSettings settings, int maxCallsInFlight, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(community);
        ArgumentNullException.ThrowIfNull(settings);
        if (stepMinutes < 1) throw new ArgumentOutOfRangeException(nameof(stepMinutes), stepMinutes, "stepMinutes must be at least 1 minute");
        if (maxCallsInFlight < 1) throw new ArgumentOutOfRangeException(nameof(maxCallsInFlight), maxCallsInFlight, "maxCallsInFlight must be at least 1");
        _grains = grains;
        _community = community;
        _stepMinutes = stepMinutes;
        _settings = settings;
        _maxCallsInFlight = maxCallsInFlight;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The key of a prosumer's grain.</summary>
    public static string ProsumerKey(string community, string prosumerId) => $"{community}/{prosumerId}";

    public async Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var started = _clock.GetTimestamp();
        var timeout = _settings.OnMissing == MissingProsumerPolicy.SettleWithout ? _settings.ResponseTimeout : (TimeSpan?)null;
        var replies = new ProsumerReply[requests.Count];
        using var slots = new SemaphoreSlim(_maxCallsInFlight);
        await Task.WhenAll(requests.Select(async (request, k) =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                replies[k] = await Ask(request, started, timeout, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }));
        return replies;
    }

    private async Task<ProsumerReply> Ask(ProsumerRequest request, long started, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var id = request.ProsumerId;
        try
        {
            var call = _grains.GetGrain<IProsumerGrain>(ProsumerKey(_community, id)).Respond(MarketMapper.ToWire(request, _stepMinutes));
            ProsumerReplyMessage reply;
            if (timeout is { } limit)
            {
                var left = limit - _clock.GetElapsedTime(started);
                if (left <= TimeSpan.Zero) return TimedOut(id, limit);
                reply = await call.WaitAsync(left, _clock, cancellationToken);
            }
            else
            {
                reply = await call.WaitAsync(cancellationToken);
            }

            if (reply.ProsumerId != id) return new ProsumerReply(id, null, $"its grain answered for \"{reply.ProsumerId}\"");
            return MarketMapper.ToEngine(reply);
        }
        catch (TimeoutException) when (timeout is { } limit)
        {
            return TimedOut(id, limit);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ProsumerReply(id, null, $"its grain failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static ProsumerReply TimedOut(string id, TimeSpan limit) =>
        new(id, null, string.Create(CultureInfo.InvariantCulture, $"no answer within {limit.TotalSeconds:0.###} s"));
}
