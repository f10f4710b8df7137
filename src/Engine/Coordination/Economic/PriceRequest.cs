namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// One pricing question to a subsystem: minimise J_ℓ(x) + Σ_{p,i} price[p][i]·Δt·draw[p][i] over its own problem.
/// </summary>
/// <param name="Participant">Who is asked.</param>
/// <param name="PricePerKwh">resource → price per step, currency (objective units) per kWh: the sum of the prices of
/// every node on its path to the root. Resources it does not find here cost nothing extra.</param>
public sealed record PriceRequest(EconomicParticipant Participant, IReadOnlyDictionary<string, IReadOnlyList<double>> PricePerKwh);
