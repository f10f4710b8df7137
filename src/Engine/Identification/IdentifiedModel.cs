namespace Sems.Engine.Identification;

/// <summary>
/// A first-order state-space demand identified from data (nx = 1, C = [1]):
/// x[i+1] = A·x[i] + Σ_q B[q]·u[q][i] + Σ_d E[d]·d[i], at the step it was identified at, with how well its free-run
/// simulation reproduced the held-out part of the data: the test block when there is one
/// (<see cref="TestSteps"/> &gt; 0), else the validation block.
/// <para>
/// Guideline 14 statistics (ASHRAE Guideline 14-2014, calibrated simulation, §5.3.2.4) of the free-run simulation
/// ŷ against the measured states y on the evaluated steps (the test block, else the validation block; n of them, ȳ their mean):
/// NMBE = Σ(yᵢ − ŷᵢ) / ((n − p)·ȳ) × 100 and CV(RMSE) = √(Σ(yᵢ − ŷᵢ)² / (n − p)) / ȳ × 100, with p =
/// <see cref="ParameterCount"/>, the number of fitted coefficients (G14's n − p degrees of freedom). The targets of
/// this identification are G14's hourly calibration criteria, |NMBE| ≤ 10 % and CV(RMSE) ≤ 30 %
/// (<see cref="MeetsG14"/>). Both statistics are normalised by the mean measured state, so for a temperature in °C they
/// depend on where the scale's zero lies (a 66 °C network makes a 1 K error 1.5 %); read them with
/// <see cref="FreeRunRmse"/>, which is in the state's own unit. When ȳ = 0 they are undefined (NaN) and the model
/// does not meet the targets.
/// </para>
/// </summary>
/// <param name="A">The state coefficient (A = [[A]]).</param>
/// <param name="B">Energy type → input coefficient (B[q] = [[B[q]]]), per kW.</param>
/// <param name="E">Disturbance → coefficient (E[d] = [[E[d]]]), per unit of the disturbance.</param>
/// <param name="Lambda">The ridge penalty chosen on the validation block.</param>
/// <param name="StepMinutes">Δt of one step in minutes: the model is valid only in a district with this step.</param>
/// <param name="TrainingSteps">Steps (regression rows) the coefficients were fitted on: the first part of the data.</param>
/// <param name="ValidationSteps">Steps of the validation block, after the training part: λ is chosen on them.</param>
/// <param name="ParameterCount">p: 1 (A) + |B| + |E|.</param>
/// <param name="NmbePercent">G14 NMBE of the free-run simulation on the evaluated steps, % (positive: the model under-predicts).</param>
/// <param name="CvRmsePercent">G14 CV(RMSE) of the free-run simulation on the evaluated steps, %.</param>
/// <param name="FreeRunRmse">RMSE of the free-run simulation on the evaluated steps, in the state's unit (K for a temperature).</param>
/// <param name="OneStepRmse">RMSE of one-step-ahead predictions from each measured state of the evaluated steps, in the state's unit.</param>
/// <param name="LambdaScores">Every candidate λ with its errors on the validation block, in the order tried.</param>
/// <param name="TestSteps">
/// Steps of the test block at the very end of the data, after the validation block; 0 when there is none. When
/// positive, n of the statistics: neither the fit nor the choice of λ saw these steps.
/// </param>
public sealed record IdentifiedModel(
    double A,
    IReadOnlyDictionary<string, double> B,
    IReadOnlyDictionary<string, double> E,
    double Lambda,
    int StepMinutes,
    int TrainingSteps,
    int ValidationSteps,
    int ParameterCount,
    double NmbePercent,
    double CvRmsePercent,
    double FreeRunRmse,
    double OneStepRmse,
    IReadOnlyList<LambdaScore> LambdaScores,
    int TestSteps = 0)
{
    /// <summary>This identification's target on |NMBE|, 10 % (G14 hourly calibration criterion).</summary>
    public const double G14NmbeLimitPercent = Validation.G14.HourlyNmbeLimitPercent;

    /// <summary>This identification's target on CV(RMSE), 30 % (G14 hourly calibration criterion).</summary>
    public const double G14CvRmseLimitPercent = Validation.G14.HourlyCvRmseLimitPercent;

    /// <summary>Whether the held-out statistics meet |NMBE| ≤ 10 % and CV(RMSE) ≤ 30 % (false when undefined).</summary>
    public bool MeetsG14 => Validation.G14.MeetsHourly(NmbePercent, CvRmsePercent);

    /// <summary>
    /// Whether the model is usable: A, B, E and the free-run RMSE are finite and |A| &lt; 1. With |A| ≥ 1 the
    /// first-order model's free response x[i] = Aⁱ·x[0] does not decay, so its predictions grow without bound.
    /// </summary>
    public bool IsStable => double.IsFinite(A) && Math.Abs(A) < 1.0 && double.IsFinite(FreeRunRmse)
        && B.Values.All(double.IsFinite) && E.Values.All(double.IsFinite);

    /// <summary>x[i+1] for x[i] = <paramref name="state"/> and one step's inputs and disturbances (every name of B and E).</summary>
    /// <exception cref="ArgumentException">When an input or disturbance of the model is missing.</exception>
    public double NextState(double state, IReadOnlyDictionary<string, double> inputs, IReadOnlyDictionary<string, double> disturbances)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(disturbances);
        var next = A * state;
        foreach (var (name, b) in B)
        {
            next += b * (inputs.TryGetValue(name, out var u) ? u : throw new ArgumentException($"inputs has no value for energy type \"{name}\".", nameof(inputs)));
        }

        foreach (var (name, e) in E)
        {
            next += e * (disturbances.TryGetValue(name, out var d) ? d : throw new ArgumentException($"disturbances has no value for \"{name}\".", nameof(disturbances)));
        }

        return next;
    }
}
