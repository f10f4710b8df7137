namespace Sems.Engine.Mpc;

/// <summary>
/// A demand's plan. For a state-space demand: outputs y (per output, N values) and the band slack ε (how far y lies
/// outside its band on a penalised side, per output, N values). For a series demand: its values (kW).
/// </summary>
public sealed record DemandTrajectory(string Id, string Kind, IReadOnlyList<IReadOnlyList<double>> Outputs, IReadOnlyList<IReadOnlyList<double>> Slack, IReadOnlyList<double>? ValuesKw)
{
    /// <summary>The terminal output y[N] = C·x[N] of each output (state-space demands; empty otherwise).</summary>
    public IReadOnlyList<double> TerminalOutputs { get; init; } = [];

    /// <summary>The band slack ε[N] of each terminal output (state-space demands; empty otherwise).</summary>
    public IReadOnlyList<double> TerminalSlack { get; init; } = [];

    /// <summary>u_in of a state-space demand per energy type of its B, N values, kW: its share of what supplies and stores deliver (eq. 12).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> InputKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>();
}
