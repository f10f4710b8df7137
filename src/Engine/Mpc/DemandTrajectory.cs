namespace Sems.Engine.Mpc;

/// <summary>
/// A demand's plan. For a state-space demand: outputs y (per output, N values) and the band slack ε (how far y lies
/// outside its band on a penalised side, per output, N values). For a series demand: its values (kW).
/// </summary>
public sealed record DemandTrajectory(string Id, string Kind, IReadOnlyList<IReadOnlyList<double>> Outputs, IReadOnlyList<IReadOnlyList<double>> Slack, IReadOnlyList<double>? ValuesKw);
