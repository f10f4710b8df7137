using System.Collections.Concurrent;
using Sems.Engine.Market;
using Sems.Grains.Market;

namespace Sems.Grains.Tests.Market;

/// <summary>
/// The prosumer grains' scheduler in the market tests: the engine's MILP, unless a test sets another responder for the
/// prosumers whose id starts with a prefix of its own (the scheduler sees the prosumer, not its grain's key). Counts
/// calls and the most that ran at once.
/// </summary>
public sealed class TestScheduler : IProsumerScheduler
{
    private readonly ConcurrentDictionary<string, Func<Prosumer, double, ProsumerRequest, ProsumerReply>> _responders = new(StringComparer.Ordinal);
    private int _running;
    private int _maxRunning;
    private int _calls;

    /// <summary>Solves prosumers whose id starts with <paramref name="idPrefix"/> with <paramref name="responder"/>.</summary>
    public void Use(string idPrefix, Func<Prosumer, double, ProsumerRequest, ProsumerReply> responder) => _responders[idPrefix] = responder;

    public int Calls => Volatile.Read(ref _calls);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public void ResetCounts()
    {
        Volatile.Write(ref _calls, 0);
        Volatile.Write(ref _maxRunning, 0);
    }

    public ProsumerReply Solve(Prosumer prosumer, double stepHours, ProsumerRequest request)
    {
        Interlocked.Increment(ref _calls);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        try
        {
            var responder = _responders.Where(r => prosumer.Id.StartsWith(r.Key, StringComparison.Ordinal)).OrderByDescending(r => r.Key.Length).Select(r => r.Value).FirstOrDefault();
            return responder is null ? ProsumerMilpScheduler.Instance.Solve(prosumer, stepHours, request) : responder(prosumer, stepHours, request);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>
    /// The closed-form answer of a prosumer with neither a battery nor flexible loads at prices with sell ≥ 0: it
    /// imports what its PV does not cover and exports the rest, within its connection and the request's caps.
    /// </summary>
    public static ProsumerReply Passive(Prosumer p, double stepHours, ProsumerRequest r)
    {
        var steps = p.LoadKw.Count;
        var import = new double[steps];
        var export = new double[steps];
        double cost = 0;
        for (var t = 0; t < steps; t++)
        {
            var net = p.LoadKw[t] - p.PvKw[t];
            var importMax = Math.Min(p.ImportMaxKw[t], r.ImportCapKw?[t] ?? double.PositiveInfinity);
            var exportMax = Math.Min(p.ExportMaxKw[t], r.ExportCapKw?[t] ?? double.PositiveInfinity);
            if (net > importMax + 1e-9) return new ProsumerReply(p.Id, null, $"step {t}: {net - importMax} kW short");
            import[t] = Math.Max(0, net);
            export[t] = Math.Min(exportMax, Math.Max(0, -net)); // the rest is curtailed
            cost += stepHours * (r.BuyPerKwh[t] * import[t] - r.SellPerKwh[t] * export[t]);
        }

        return new ProsumerReply(p.Id, new ProsumerSchedule(p.Id, r.Iteration, import, export, cost, 0), null);
    }
}
