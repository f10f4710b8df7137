using System.Globalization;

namespace Sems.Engine.Market;

/// <summary>One run of <see cref="MarketCoordinator"/>: the iteration, the DSO step, the settlement and the KPIs.</summary>
internal sealed class CoordinatorRun
{
    private const double ValueToleranceKw = 1e-6;

    private readonly Community _community;
    private readonly IMarketRound _round;
    private readonly NodeLimits _limits;
    private readonly MarketSettings _market;
    private readonly int _steps;
    private readonly double _dt;
    private readonly string _currency;
    private readonly List<Prosumer> _active;
    private readonly List<ProsumerReply> _missing = [];

    public CoordinatorRun(Community community, IMarketRound round, NodeLimits limits)
    {
        _community = community;
        _round = round;
        _limits = limits;
        _market = community.Market;
        _steps = community.Steps;
        _dt = community.StepHours;
        _currency = string.IsNullOrEmpty(community.Currency) ? "currency units" : community.Currency;
        _active = community.Prosumers.ToList();
    }

    public async Task<MarketOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var buy = _community.RetailPerKwh.ToArray();
        var sell = _community.FeedInPerKwh.ToArray();
        var current = await AskAsync(0, buy, sell, cancellationToken);
        var baseline = new Dictionary<string, ProsumerSchedule>(current, StringComparer.Ordinal);
        var trace = new List<MarketIteration> { Line(0, buy, sell, Enumerable.Repeat(1.0, _steps).ToArray(), current, null, 0) };
        var weights = Enumerable.Repeat(_market.Damping, _steps).ToArray();
        double[]? lastUpBuy = null, lastUpSell = null;
        var history = new List<(double[] Buy, double[] Sell)> { (buy, sell) };
        var converged = false;
        string? reason = null;
        var k = 0;
        while (k < _market.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (current.Count == 0)
            {
                reason = $"stopped at iteration {k}: no prosumer answered";
                break;
            }

            k++;
            var (targetBuy, targetSell) = MarketPricing.Target(_community, current.Values);
            var upBuy = new double[_steps];
            var upSell = new double[_steps];
            var nextBuy = new double[_steps];
            var nextSell = new double[_steps];
            var moved = 0.0;
            for (var t = 0; t < _steps; t++)
            {
                // The auction has one price per step: its damping starts from the middle of the tariffs (an empty book's price).
                var (fromBuy, fromSell) = _market.Mechanism == MarketMechanism.Auction && k == 1
                    ? ((buy[t] + sell[t]) / 2, (buy[t] + sell[t]) / 2)
                    : (buy[t], sell[t]);
                upBuy[t] = targetBuy[t] - fromBuy;
                upSell[t] = targetSell[t] - fromSell;
                if (_market.Damping < 1 && lastUpBuy is not null && upBuy[t] * lastUpBuy[t] + upSell[t] * lastUpSell![t] < 0) weights[t] /= 2;
                var d = _market.Damping < 1 ? weights[t] : 1;
                nextBuy[t] = d < 1 ? (1 - d) * fromBuy + d * targetBuy[t] : targetBuy[t];
                nextSell[t] = Math.Min(d < 1 ? (1 - d) * fromSell + d * targetSell[t] : targetSell[t], nextBuy[t]);
                moved = Math.Max(moved, Math.Max(Math.Abs(nextBuy[t] - buy[t]), Math.Abs(nextSell[t] - sell[t])));
            }

            var next = await AskAsync(k, nextBuy, nextSell, cancellationToken);
            double before = 0, after = 0;
            foreach (var (id, s) in next)
            {
                if (!current.TryGetValue(id, out var previous)) continue;
                before += MarketPricing.Cost(previous, buy, sell, _dt);
                after += MarketPricing.Cost(s, nextBuy, nextSell, _dt);
            }

            var change = after - before;
            var used = _market.Damping < 1 ? weights.ToArray() : Enumerable.Repeat(1.0, _steps).ToArray();
            trace.Add(Line(k, nextBuy, nextSell, used, next, change, moved));
            lastUpBuy = upBuy;
            lastUpSell = upSell;
            current = next;
            buy = nextBuy;
            sell = nextSell;
            history.Add((buy, sell));
            if (Math.Abs(change) < _market.ThresholdCurrency && moved < _market.PriceTolerancePerKwh)
            {
                converged = true;
                reason = $"converged: cost change {Money(Math.Abs(change))} < threshold {Money(_market.ThresholdCurrency)} and prices moved at most {Price(moved)} at iteration {k}";
                break;
            }

            var repeat = RepeatOf(history);
            if (repeat >= 0)
            {
                var costs = trace.Skip(repeat).Select(l => l.CommunityCost).ToArray();
                reason = $"did not converge: the prices of iteration {k} repeat those of iteration {repeat} (a cycle of {k - repeat} iterations); cost oscillates between {Money(costs.Min())} and {Money(costs.Max())}";
                break;
            }
        }

        if (reason is null)
        {
            var last = trace[^1];
            var window = trace.Skip(Math.Max(1, trace.Count - 6)).ToArray();
            var changes = window.Select(l => l.CostChange ?? 0).ToArray();
            var trend = changes.Any(c => c > 0) && changes.Any(c => c < 0)
                ? $"cost oscillates between {Money(window.Min(l => l.CommunityCost))} and {Money(window.Max(l => l.CommunityCost))}"
                : $"cost still {(changes.Sum() <= 0 ? "falling" : "rising")}, from {Money(window[0].CommunityCost)} to {Money(last.CommunityCost)}";
            var span = window[0].Iteration == last.Iteration ? $"at iteration {last.Iteration}" : $"over iterations {window[0].Iteration}–{last.Iteration}";
            reason = $"did not converge in {_market.MaxIterations} iteration{(_market.MaxIterations == 1 ? "" : "s")}: the last cost change was {Money(Math.Abs(last.CostChange ?? 0))} (threshold {Money(_market.ThresholdCurrency)}) and prices moved up to {Price(last.MaxPriceChangePerKwh)}; {trend} {span}";
        }

        var ordered = Ordered(current);
        var residual = 0.0;
        if (ordered.Count > 0)
        {
            var (rb, rs) = MarketPricing.Target(_community, ordered);
            for (var t = 0; t < _steps; t++) residual = Math.Max(residual, Math.Max(Math.Abs(rb[t] - buy[t]), Math.Abs(rs[t] - sell[t])));
        }

        var (final, grid) = await GridStepAsync(current, buy, sell, k, cancellationToken);
        var settlement = MarketSettler.Settle(_community, final);
        var kpis = MarketKpiCalculator.Compute(_community, baseline, settlement, final);
        return new MarketOutcome(converged, reason, _market.Mechanism, k, trace, Ordered(baseline), final, buy, sell, residual,
            _missing.ToArray(), settlement, kpis, grid);
    }

    /// <summary>The earliest iteration j ≤ k − 2 whose prices equal the last ones (to 1e-12 currency/kWh), or −1.</summary>
    private static int RepeatOf(List<(double[] Buy, double[] Sell)> history)
    {
        var (buy, sell) = history[^1];
        for (var j = 0; j < history.Count - 2; j++)
        {
            var (b, s) = history[j];
            var same = true;
            for (var t = 0; t < buy.Length && same; t++) same = Math.Abs(b[t] - buy[t]) <= 1e-12 && Math.Abs(s[t] - sell[t]) <= 1e-12;
            if (same) return j;
        }

        return -1;
    }

    private MarketIteration Line(int k, double[] buy, double[] sell, double[] damping, Dictionary<string, ProsumerSchedule> schedules, double? change, double moved)
    {
        var cost = schedules.Values.Sum(s => MarketPricing.Cost(s, buy, sell, _dt));
        var (peer, import, export) = MarketPricing.Energy(_community, schedules.Values);
        return new MarketIteration(k, buy, sell, damping, cost, change, peer, import, export, moved, schedules.Count);
    }

    /// <summary>Asks every active prosumer at one pair of price series; those without a valid schedule leave the market.</summary>
    private async Task<Dictionary<string, ProsumerSchedule>> AskAsync(int iteration, double[] buy, double[] sell, CancellationToken cancellationToken)
    {
        var requests = _active.Select(p => new ProsumerRequest(p.Id, iteration, buy, sell, null, null)).ToArray();
        var replies = await AskCheckedAsync(requests, cancellationToken);
        var answered = new Dictionary<string, ProsumerSchedule>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Length; i++)
        {
            var problem = Problem(requests[i], replies[i]);
            if (problem is null)
            {
                answered[requests[i].ProsumerId] = replies[i].Schedule!;
                continue;
            }

            _missing.Add(new ProsumerReply(requests[i].ProsumerId, null, $"iteration {iteration}: {problem}"));
        }

        _active.RemoveAll(p => !answered.ContainsKey(p.Id));
        return answered;
    }

    private async Task<IReadOnlyList<ProsumerReply>> AskCheckedAsync(ProsumerRequest[] requests, CancellationToken cancellationToken)
    {
        if (requests.Length == 0) return [];
        var replies = await _round.AskAsync(requests, cancellationToken)
            ?? throw new InvalidOperationException("the market round returned no replies");
        if (replies.Count != requests.Length)
            throw new InvalidOperationException($"the market round returned {replies.Count} replies to {requests.Length} requests");
        for (var i = 0; i < requests.Length; i++)
        {
            if (replies[i] is null) throw new InvalidOperationException($"the market round returned no reply for \"{requests[i].ProsumerId}\"");
            if (!string.Equals(replies[i].ProsumerId, requests[i].ProsumerId, StringComparison.Ordinal))
                throw new InvalidOperationException($"the market round's reply {i} is from \"{replies[i].ProsumerId}\", the request was to \"{requests[i].ProsumerId}\"");
        }

        return replies;
    }

    /// <summary>Why a reply cannot be used, or null.</summary>
    private string? Problem(ProsumerRequest request, ProsumerReply reply)
    {
        if (reply.Schedule is not { } s) return string.IsNullOrEmpty(reply.Problem) ? "no schedule (no reason given)" : reply.Problem;
        if (!string.Equals(s.ProsumerId, request.ProsumerId, StringComparison.Ordinal)) return $"the schedule is for \"{s.ProsumerId}\"";
        if (s.Iteration != request.Iteration) return $"the schedule answers iteration {s.Iteration}, not {request.Iteration}";
        if (s.ImportKw is null || s.ExportKw is null || s.ImportKw.Count != _steps || s.ExportKw.Count != _steps)
            return $"the schedule has {s.ImportKw?.Count ?? 0} ImportKw and {s.ExportKw?.Count ?? 0} ExportKw values for {_steps} steps";
        for (var t = 0; t < _steps; t++)
        {
            if (!double.IsFinite(s.ImportKw[t]) || s.ImportKw[t] < -ValueToleranceKw) return $"ImportKw at step {t} must be finite and ≥ 0 kW, got {s.ImportKw[t]}";
            if (!double.IsFinite(s.ExportKw[t]) || s.ExportKw[t] < -ValueToleranceKw) return $"ExportKw at step {t} must be finite and ≥ 0 kW, got {s.ExportKw[t]}";
        }

        if (!double.IsFinite(s.DiscomfortCost) || s.DiscomfortCost < 0) return $"DiscomfortCost must be finite and ≥ 0, got {s.DiscomfortCost}";
        return null;
    }

    /// <summary>
    /// The DSO step: while some node's limit is exceeded, cap each contributor below it pro rata to its flow in that step
    /// (caps only tighten), and ask the prosumers whose caps changed again at the final prices.
    /// </summary>
    private async Task<(IReadOnlyList<ProsumerSchedule> Final, MarketGridReport Report)> GridStepAsync(
        Dictionary<string, ProsumerSchedule> market, double[] buy, double[] sell, int lastIteration, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, ProsumerSchedule>(market, StringComparer.Ordinal);
        var importCaps = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var exportCaps = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var problems = new List<ProsumerReply>();
        var frozen = new HashSet<string>(StringComparer.Ordinal);
        var members = _community.Prosumers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var nodes = _limits.Nodes.Count;
        var rounds = 0;
        while (rounds < MarketCoordinator.MaxGridRounds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var flows = _limits.Flows(current.Values);
            if (_limits.Hold(flows)) break;
            var changed = new HashSet<string>(StringComparer.Ordinal);
            for (var n = 0; n < nodes; n++)
            {
                var below = current.Values.Where(s => !frozen.Contains(s.ProsumerId) && _limits.PathOf(s.ProsumerId).Contains(n)).ToArray();
                for (var t = 0; t < _steps; t++)
                {
                    var over = _limits.ImportExcess(flows, n, t);
                    if (over > NodeLimits.ToleranceKw) Share(below, t, over, imports: true, importCaps, members, changed);
                    over = _limits.ExportExcess(flows, n, t);
                    if (over > NodeLimits.ToleranceKw) Share(below, t, over, imports: false, exportCaps, members, changed);
                }
            }

            if (changed.Count == 0) break;
            rounds++;
            var iteration = lastIteration + rounds;
            var requests = _community.Prosumers.Where(p => changed.Contains(p.Id))
                .Select(p => new ProsumerRequest(p.Id, iteration, buy, sell, importCaps.GetValueOrDefault(p.Id), exportCaps.GetValueOrDefault(p.Id)))
                .ToArray();
            var replies = await AskCheckedAsync(requests, cancellationToken);
            for (var i = 0; i < requests.Length; i++)
            {
                var problem = Problem(requests[i], replies[i]);
                if (problem is null)
                {
                    current[requests[i].ProsumerId] = replies[i].Schedule!;
                    continue;
                }

                frozen.Add(requests[i].ProsumerId);
                problems.Add(new ProsumerReply(requests[i].ProsumerId, null, $"iteration {iteration} (grid caps): {problem}; it keeps its schedule"));
            }
        }

        var final = Ordered(current);
        var report = GridReport(Ordered(market), final, rounds,
            _community.Prosumers.Where(p => importCaps.ContainsKey(p.Id) || exportCaps.ContainsKey(p.Id)).Select(p => p.Id).ToArray(), problems);
        return (final, report);
    }

    /// <summary>Lowers the caps of one side in one step so that the contributors together shed <paramref name="overKw"/>, pro rata to their flows.</summary>
    private void Share(ProsumerSchedule[] below, int t, double overKw, bool imports, Dictionary<string, double[]> caps,
        Dictionary<string, Prosumer> members, HashSet<string> changed)
    {
        double Flow(ProsumerSchedule s) => imports ? s.ImportKw[t] : s.ExportKw[t];
        var contributors = below.Where(s => Flow(s) > NodeLimits.ToleranceKw).ToArray();
        var total = contributors.Sum(Flow);
        if (total <= 0) return;
        var keep = Math.Max(0, 1 - overKw / total);
        foreach (var s in contributors)
        {
            if (!caps.TryGetValue(s.ProsumerId, out var cap))
            {
                cap = DefaultCaps(members[s.ProsumerId], imports);
                caps[s.ProsumerId] = cap;
            }

            var target = Flow(s) * keep;
            if (target < cap[t] - NodeLimits.ToleranceKw)
            {
                cap[t] = target;
                changed.Add(s.ProsumerId);
            }
        }
    }

    /// <summary>
    /// The caps of the steps no node limits: the prosumer's own connection limit when it has one, else the smallest
    /// limit of the nodes on its path to the root (none of them could carry more), else the largest finite double.
    /// </summary>
    private double[] DefaultCaps(Prosumer p, bool imports)
    {
        var own = imports ? p.ImportMaxKw : p.ExportMaxKw;
        var caps = new double[_steps];
        for (var t = 0; t < _steps; t++)
        {
            if (own is not null && own.Count == _steps) caps[t] = own[t];
            else
            {
                var least = double.MaxValue;
                foreach (var n in _limits.PathOf(p.Id))
                    if ((imports ? _limits.Import[n] : _limits.Export[n]) is { } limit) least = Math.Min(least, limit[t]);
                caps[t] = double.IsFinite(least) ? least : double.MaxValue; // finite, so that every adapter can write it
            }
        }

        return caps;
    }

    private MarketGridReport GridReport(IReadOnlyList<ProsumerSchedule> before, IReadOnlyList<ProsumerSchedule> after, int rounds,
        IReadOnlyList<string> capped, IReadOnlyList<ProsumerReply> problems)
    {
        var flowsBefore = _limits.Flows(before);
        var flowsAfter = _limits.Flows(after);
        var nodes = new List<NodeGridReport>();
        var still = new List<string>();
        for (var n = 0; n < _limits.Nodes.Count; n++)
        {
            double peakIn = 0, peakOut = 0, inBefore = 0, inAfter = 0, outBefore = 0, outAfter = 0;
            int stepIn = 0, stepOut = 0, excessBefore = 0, excessAfter = 0;
            for (var t = 0; t < _steps; t++)
            {
                var f = flowsAfter[n][t];
                if (f > peakIn) (peakIn, stepIn) = (f, t);
                if (-f > peakOut) (peakOut, stepOut) = (-f, t);
                var ib = _limits.ImportExcess(flowsBefore, n, t);
                var ob = _limits.ExportExcess(flowsBefore, n, t);
                var ia = _limits.ImportExcess(flowsAfter, n, t);
                var oa = _limits.ExportExcess(flowsAfter, n, t);
                inBefore += ib * _dt;
                outBefore += ob * _dt;
                if (ia > NodeLimits.ToleranceKw) inAfter += ia * _dt;
                if (oa > NodeLimits.ToleranceKw) outAfter += oa * _dt;
                if (ib > NodeLimits.ToleranceKw || ob > NodeLimits.ToleranceKw) excessBefore++;
                if (ia > NodeLimits.ToleranceKw || oa > NodeLimits.ToleranceKw) excessAfter++;
            }

            var id = _limits.Nodes[n].Id;
            nodes.Add(new NodeGridReport(id, peakIn, stepIn, _limits.Import[n]?[stepIn], peakOut, stepOut, _limits.Export[n]?[stepOut],
                inBefore, inAfter, outBefore, outAfter, excessBefore, excessAfter));
            if (excessAfter > 0)
                still.Add($"node \"{id}\" exceeds its limits in {excessAfter} step{(excessAfter == 1 ? "" : "s")} by {Kwh(inAfter)} import and {Kwh(outAfter)} export");
        }

        var fixedBy = rounds == 0 ? "" : $" after {rounds} round{(rounds == 1 ? "" : "s")} of caps";
        var summary = still.Count == 0
            ? $"every node within its limits{fixedBy}"
            : $"{string.Join("; ", still)}{fixedBy}" + (problems.Count > 0 ? $" ({problems.Count} prosumer{(problems.Count == 1 ? "" : "s")} could not meet their caps)" : "");
        return new MarketGridReport(nodes, rounds, still.Count == 0, capped, problems, summary);
    }

    private List<ProsumerSchedule> Ordered(Dictionary<string, ProsumerSchedule> schedules) =>
        _community.Prosumers.Where(p => schedules.ContainsKey(p.Id)).Select(p => schedules[p.Id]).ToList();

    private string Money(double value) => $"{Number(value)} {_currency}";

    private string Price(double value) => $"{Number(value)} {_currency}/kWh";

    /// <summary>At least 4 decimals, and 2 significant digits of a smaller value (0.000032, not 0).</summary>
    private static string Number(double value)
    {
        var decimals = value == 0 || Math.Abs(value) >= 1e-3 ? 4 : Math.Min(15, 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    private static string Kwh(double value) => $"{value.ToString("0.###", CultureInfo.InvariantCulture)} kWh";
}
