namespace Sems.Engine.Model;

/// <summary>A supply technology s (eqs. 1–4): one or more resource → energy-type conversions.</summary>
/// <param name="FeedsStores">Whether s ∈ S^st, the supplies whose output may charge stores (eq. 11).</param>
/// <param name="Commitment">Optional on/off behaviour; makes the problem a MILP.</param>
public sealed record Supply(string Id, IReadOnlyList<Conversion> Conversions, bool FeedsStores, Commitment? Commitment);
