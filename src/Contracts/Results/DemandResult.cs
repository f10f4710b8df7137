namespace Sems.Contracts.Results;

/// <summary>A demand's plan: outputs y and band slack per output (state-space), or the values in kW (series).</summary>
/// <param name="Kind">"series" or "stateSpace".</param>
[GenerateSerializer, Immutable, Alias("sems.DemandResult")]
public sealed record DemandResult(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] double[][] Outputs,
    [property: Id(3)] double[][] Slack,
    [property: Id(4)] double[]? ValuesKw,
    [property: Id(5)] double[] TerminalOutputs,
    [property: Id(6)] double[] TerminalSlack,
    [property: Id(7)] IReadOnlyDictionary<string, double[]> InputKw);
