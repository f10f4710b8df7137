namespace Sems.Engine.Identification;

/// <summary>
/// Historical measurements of a first-order demand (one state, C = [1]) at a fixed step, aligned as the district
/// file's state-space model is: x[i+1] = A·x[i] + Σ_q B[q]·u[q][i] + Σ_d E[d]·d[i].
/// </summary>
/// <param name="States">
/// x[0…n]: the measured state at the start of every step and at the end of the last one (n + 1 values; e.g. the
/// network temperature in °C read every step).
/// </param>
/// <param name="Inputs">
/// Energy type → u[q][0…n−1] (n values each, kW): the mean power of that type delivered to the demand during step i
/// (the district file's u_in, e.g. "heat"). At least one.
/// </param>
/// <param name="Disturbances">
/// Disturbance name → d[0…n−1] (n values each), the mean during step i, in the unit the district file's
/// <c>disturbances</c> series will use (e.g. heat load in kW, ground temperature in °C). A series that is constant
/// over the training part acts as the model's intercept (see <see cref="StateSpaceIdentifier"/>). May be empty.
/// </param>
/// <param name="StepMinutes">Δt of one step in minutes; the identified model is valid only at this step.</param>
public sealed record IdentificationData(
    IReadOnlyList<double> States,
    IReadOnlyDictionary<string, IReadOnlyList<double>> Inputs,
    IReadOnlyDictionary<string, IReadOnlyList<double>> Disturbances,
    int StepMinutes);
