namespace Sems.Engine.Mpc;

/// <summary>
/// The objective J (eq. 23) split into its weighted terms, evaluated exactly at the solution (the comfort term uses ε²,
/// not its piecewise-linear model), so Energy + Storage + Comfort = J.
/// </summary>
/// <param name="Energy">φ_nrg·(Σ_factor α·Σ factor·Δt·draw + start costs) (eq. 19).</param>
/// <param name="Storage">φ_pen·Σ β·SoC (eq. 21).</param>
/// <param name="Comfort">φ_slack·Σ γ·ε² (eq. 22), exact.</param>
/// <param name="ByFactor">
/// Each factor's unweighted total over the horizon, e.g. cost in currency, co2 in kgCO2: Σ_p Σ_i factor[p][i]·Δt·draw[p][i],
/// minus what the exports earn (<see cref="ExportValueByFactor"/>): a net cost.
/// </param>
/// <param name="StartCosts">Σ startCost over the starts of committed supplies (before φ_nrg).</param>
public sealed record ObjectiveTerms(double Energy, double Storage, double Comfort, IReadOnlyDictionary<string, double> ByFactor, double StartCosts)
{
    public double Total => Energy + Storage + Comfort;

    /// <summary>
    /// Per factor that the district's export factors name, what the exports earned over the horizon (unweighted, in the
    /// factor's unit, e.g. currency): Σ_p Σ_i exportFactor[p][i]·Δt·export[p][i]. Already subtracted in <see cref="ByFactor"/>;
    /// empty when the subsystem exports nothing.
    /// </summary>
    public IReadOnlyDictionary<string, double> ExportValueByFactor { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
}
