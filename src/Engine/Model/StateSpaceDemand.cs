namespace Sems.Engine.Model;

/// <summary>
/// A linear state-space demand m (eqs. 12–17): x[i+1] = A·x[i] + Σ_q B[q]·u_in[q][i] + Σ_d E[d]·d[i], y = C·x,
/// outputs held in a band with slack ε ≥ 0 penalised by γ·ε² (eq. 22).
/// </summary>
/// <param name="B">energy type → nx column; u_in in kW.</param>
/// <param name="E">disturbance → nx column.</param>
/// <param name="SlackWeight">γ_m.</param>
public sealed record StateSpaceDemand(
    string Id,
    double[][] A,
    IReadOnlyDictionary<string, double[]> B,
    IReadOnlyDictionary<string, double[]> E,
    double[][] C,
    double[] X0,
    Band Band,
    double SlackWeight) : Demand(Id)
{
    public int StateCount => X0.Length;

    public int OutputCount => C.Length;

    /// <summary>The unit of each output y (e.g. "°C"), or null when the file names none.</summary>
    public IReadOnlyList<string>? OutputUnits { get; init; }
}
