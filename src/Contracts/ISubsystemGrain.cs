using Orleans.Concurrency;
using Sems.Contracts.Results;

namespace Sems.Contracts;

/// <summary>
/// One subsystem (key "district/subsystem"): holds its definition (per version) and forecasts, builds the MPC initial
/// state from its assets' measurements, solves its own problem through the engine and reports plans.
/// </summary>
[Alias("sems.ISubsystemGrain")]
public interface ISubsystemGrain : IGrainWithStringKey
{
    /// <summary>
    /// Prepares a definition version (validated, stored, not yet used); the first <see cref="Plan"/> with that version
    /// switches to it. Configuring the version it already has changes nothing. Returns the problems (empty when accepted).
    /// </summary>
    [Alias("Configure")]
    Task<string[]> Configure(SubsystemConfiguration configuration);

    /// <summary>
    /// Forecasts for the horizon of <paramref name="cycle"/> (key → N values, e.g. "demand:ev-charging",
    /// "resourceMax:solar", "efficiency:heat-pump:0", "factor:cost:electricity", "disturbance:heatLoad", "uncertainty:electricity":
    /// σ of the draw caused by forecast error, kW ≥ 0, for the coordinator's risk margin); they replace the
    /// file's periodic inputs for that cycle. Returns the problems (empty when accepted; nothing is applied otherwise).
    /// </summary>
    [Alias("SetForecast")]
    Task<string[]> SetForecast(int cycle, IReadOnlyDictionary<string, double[]> series);

    /// <summary>Whether the plan's inputs come from the subsystem's forecast grain (learned forecasts) on top of <see cref="SetForecast"/>.</summary>
    [Alias("UseForecaster")]
    Task UseForecaster(bool enabled);

    /// <summary>Solves the horizon that starts at step <paramref name="cycle"/> with definition <paramref name="version"/>, without coordination limits.</summary>
    [Alias("Plan")]
    Task<SubsystemPlan> Plan(int cycle, int version);

    /// <summary>Re-solves the current cycle with tightened Pmax (resource → kW per step). Infeasible: keeps the last feasible plan and says so.</summary>
    [Alias("Resolve")]
    Task<SubsystemPlan> Resolve(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw);

    /// <summary>
    /// A re-solve under tightened Pmax as <see cref="Resolve"/> makes it, answered as a proposal: the plan it holds (and
    /// so its set-points) does not change. Parallel priority coordination asks several at once and then settles the
    /// answers it used with <see cref="Resolve"/> on the same limits.
    /// </summary>
    [Alias("ProposeResolve")]
    Task<SubsystemPlan> ProposeResolve(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw);

    /// <summary>
    /// <see cref="Resolve"/> with caps on its exports too: <paramref name="exportMaxKw"/> (resource → kW per step) caps
    /// the total of its exports of each named resource (Algorithm 1 under a node's exportMax). Empty caps: <see cref="Resolve"/>.
    /// </summary>
    [Alias("ResolveCapped")]
    Task<SubsystemPlan> ResolveCapped(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw, IReadOnlyDictionary<string, double[]> exportMaxKw);

    /// <summary><see cref="ProposeResolve"/> with caps on its exports too, as <see cref="ResolveCapped"/>: the plan it holds does not change.</summary>
    [Alias("ProposeResolveCapped")]
    Task<SubsystemPlan> ProposeResolveCapped(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw, IReadOnlyDictionary<string, double[]> exportMaxKw);

    /// <summary>
    /// Economic coordination's price round: solves the horizon of <paramref name="cycle"/> minimising J + Σ price·Δt·draw
    /// (<paramref name="pricePerKwh"/>: resource → price per step, objective units per kWh) and answers the proposal. The
    /// plan it holds, and so its set-points, do not change: the coordinator's repair (<see cref="Resolve"/>) settles them.
    /// </summary>
    [Alias("PlanPriced")]
    Task<SubsystemPricedPlan> PlanPriced(int cycle, IReadOnlyDictionary<string, double[]> pricePerKwh);

    [Alias("GetPlan"), ReadOnly]
    Task<SubsystemPlan?> GetPlan();

    /// <summary>The full result (every trajectory) of the plan held, or null when there is none since activation.</summary>
    [Alias("GetResult"), ReadOnly]
    Task<SubsystemResultRecord?> GetResult();

    /// <summary>
    /// How far the plan held can move its draw of <paramref name="resource"/> (e.g. "electricity") per step, down and
    /// up, and at what marginal cost per kWh; null when there is no plan since activation. Runs on the solver pool.
    /// A resource the subsystem does not draw is refused with an <see cref="ArgumentException"/> naming it.
    /// </summary>
    [Alias("GetFlexibility"), ReadOnly]
    Task<SubsystemFlexibilityRecord?> GetFlexibility(string resource);

    /// <summary>
    /// Sends step 0 of the plan of <paramref name="cycle"/> to the asset grains as set-points; without a plan for that
    /// cycle (failed, timed out, infeasible) every asset keeps its last set-point, re-issued as a fallback for the cycle.
    /// Interleaves, so a subsystem stuck in a solve still commits its fallback. Returns how many assets got one from a plan.
    /// </summary>
    [Alias("CommitFirstStep"), AlwaysInterleave]
    Task<int> CommitFirstStep(int cycle);
}
