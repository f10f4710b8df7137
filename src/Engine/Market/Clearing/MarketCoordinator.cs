namespace Sems.Engine.Market;

/// <summary>
/// The Energy Market Coordinator (EMC): iterates prices with the prosumers until the community's cost settles, applies
/// the grid nodes' limits, and settles the result (method: docs/market.md).
/// <list type="number">
/// <item>Iteration 0 sends every prosumer the grid's own tariffs (λ_b to buy, λ_s to sell): the no-market baseline.</item>
/// <item>Iteration k ≥ 1 prices the schedules of k − 1 (SDR or the auction's clearing price, per step) and sends the
/// damped prices p_k = p_{k−1} + d_{k,t}·(p̂ − p_{k−1}); the weight d_{k,t} starts at <see cref="MarketSettings.Damping"/>
/// and halves in a step each time the update there reverses direction (d = 1 turns damping off entirely).</item>
/// <item>It has converged at k when |C_k − C_{k−1}| &lt; <see cref="MarketSettings.ThresholdCurrency"/> and no price
/// moved by <see cref="MarketSettings.PriceTolerancePerKwh"/> or more; it has not after <see cref="MarketSettings.MaxIterations"/>
/// iterations, or as soon as the prices repeat an earlier iteration's (a cycle).</item>
/// <item>The DSO step caps the prosumers below a node whose limit the schedules exceed, pro rata to their flows, and asks
/// them again at the final prices, until the limits hold, nothing changes or <see cref="MaxGridRounds"/> rounds.</item>
/// <item>The schedules are settled per step in whole cents (<see cref="MarketSettler"/>) and the KPIs computed against
/// the baseline.</item>
/// </list>
/// A prosumer whose reply has no valid schedule is left out from then on and named in <see cref="MarketOutcome.Missing"/>.
/// The coordinator does no I/O and keeps no clock: the response timeout is the round's.
/// </summary>
public static class MarketCoordinator
{
    /// <summary>Prices count as settled when none moved by this much or more between two iterations, currency/kWh (the default of <see cref="MarketSettings.PriceTolerancePerKwh"/>).</summary>
    public const double PriceTolerancePerKwh = MarketSettings.DefaultPriceTolerancePerKwh;

    /// <summary>The most rounds of the DSO step (asking capped prosumers again).</summary>
    public const int MaxGridRounds = 10;

    /// <summary>Runs the market with the community's own node limits.</summary>
    /// <param name="community">The community, its tariffs, grid and market options.</param>
    /// <param name="round">How the prosumers are asked.</param>
    /// <param name="cancellationToken">Stops between iterations (and inside the round if it honours it).</param>
    public static Task<MarketOutcome> RunAsync(Community community, IMarketRound round, CancellationToken cancellationToken = default) =>
        RunAsync(community, round, null, cancellationToken);

    /// <summary>Runs the market with the DSO's current limits on some nodes replacing the community's.</summary>
    /// <param name="community">The community, its tariffs, grid and market options.</param>
    /// <param name="round">How the prosumers are asked.</param>
    /// <param name="limits">Per node import and export limits overriding the community's; null = none.</param>
    /// <param name="cancellationToken">Stops between iterations (and inside the round if it honours it).</param>
    public static Task<MarketOutcome> RunAsync(Community community, IMarketRound round, MarketGridLimits? limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(round);
        Validate(community);
        var run = new CoordinatorRun(community, round, new NodeLimits(community, limits));
        return run.RunAsync(cancellationToken);
    }

    private static void Validate(Community c)
    {
        if (c.StepMinutes <= 0) throw new ArgumentOutOfRangeException(nameof(c.StepMinutes), c.StepMinutes, $"community \"{c.Name}\": StepMinutes must be > 0, got {c.StepMinutes}");
        if (c.Steps <= 0) throw new ArgumentOutOfRangeException(nameof(c.Steps), c.Steps, $"community \"{c.Name}\": Steps must be ≥ 1, got {c.Steps}");
        if (c.RetailPerKwh is null || c.RetailPerKwh.Count != c.Steps)
            throw new ArgumentException($"community \"{c.Name}\": RetailPerKwh has {c.RetailPerKwh?.Count ?? 0} values for {c.Steps} steps", nameof(c.RetailPerKwh));
        if (c.FeedInPerKwh is null || c.FeedInPerKwh.Count != c.Steps)
            throw new ArgumentException($"community \"{c.Name}\": FeedInPerKwh has {c.FeedInPerKwh?.Count ?? 0} values for {c.Steps} steps", nameof(c.FeedInPerKwh));
        for (var t = 0; t < c.Steps; t++) SdrPricing.CheckPrices(c.RetailPerKwh[t], c.FeedInPerKwh[t], $"community \"{c.Name}\" step {t}: ");
        if (c.Prosumers is null || c.Prosumers.Count == 0) throw new ArgumentException($"community \"{c.Name}\" has no prosumers", nameof(c.Prosumers));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in c.Prosumers)
        {
            if (p is null || string.IsNullOrEmpty(p.Id)) throw new ArgumentException($"community \"{c.Name}\": a prosumer is null or has an empty id", nameof(c.Prosumers));
            if (!ids.Add(p.Id)) throw new ArgumentException($"community \"{c.Name}\": prosumer \"{p.Id}\" appears twice", nameof(c.Prosumers));
        }

        var m = c.Market ?? throw new ArgumentException($"community \"{c.Name}\" has no market settings", nameof(c.Market));
        if (!double.IsFinite(m.ThresholdCurrency) || m.ThresholdCurrency <= 0)
            throw new ArgumentOutOfRangeException(nameof(m.ThresholdCurrency), m.ThresholdCurrency, $"market.ThresholdCurrency must be > 0 currency, got {m.ThresholdCurrency}");
        if (m.MaxIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(m.MaxIterations), m.MaxIterations, $"market.MaxIterations must be ≥ 1, got {m.MaxIterations}");
        if (!(m.Damping > 0 && m.Damping <= 1))
            throw new ArgumentOutOfRangeException(nameof(m.Damping), m.Damping, $"market.Damping must be in (0, 1], got {m.Damping}");
        if (!Enum.IsDefined(m.Mechanism))
            throw new ArgumentOutOfRangeException(nameof(m.Mechanism), m.Mechanism, $"market.Mechanism must be Sdr or Auction, got {m.Mechanism}");
    }
}
