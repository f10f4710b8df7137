namespace Sems.Contracts;

/// <summary>
/// One subsystem (key "district/subsystem"): holds its definition and forecasts, builds the MPC initial state from its
/// assets' measurements, solves its own problem through the engine and reports plans.
/// </summary>
[Alias("sems.ISubsystemGrain")]
public interface ISubsystemGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores the definition; returns the validation problems (empty when accepted).</summary>
    [Alias("Configure")]
    Task<string[]> Configure(SubsystemConfiguration configuration);

    /// <summary>
    /// Forecasts for the horizon of <paramref name="cycle"/> (key → N values, e.g. "demand:ev-charging",
    /// "resourceMax:solar", "efficiency:heat-pump:0", "factor:cost:electricity", "disturbance:heatLoad"); they replace the
    /// file's periodic inputs for that cycle. Returns the problems (empty when accepted; nothing is applied otherwise).
    /// </summary>
    [Alias("SetForecast")]
    Task<string[]> SetForecast(int cycle, IReadOnlyDictionary<string, double[]> series);

    /// <summary>Whether the plan's inputs come from the subsystem's forecast grain (learned forecasts) on top of <see cref="SetForecast"/>.</summary>
    [Alias("UseForecaster")]
    Task UseForecaster(bool enabled);

    /// <summary>Solves the horizon that starts at step <paramref name="cycle"/>, without coordination limits.</summary>
    [Alias("Plan")]
    Task<SubsystemPlan> Plan(int cycle);

    /// <summary>Re-solves the current cycle with tightened Pmax (resource → kW per step). Infeasible: keeps the last feasible plan and says so.</summary>
    [Alias("Resolve")]
    Task<SubsystemPlan> Resolve(int cycle, IReadOnlyDictionary<string, double[]> tightenedMaxKw);

    [Alias("GetPlan")]
    Task<SubsystemPlan?> GetPlan();

    /// <summary>Sends step 0 of the plan held to the asset grains as set-points; returns how many assets got one.</summary>
    [Alias("CommitFirstStep")]
    Task<int> CommitFirstStep();
}
