namespace Sems.Engine.Districts;

/// <summary>One problem found in a district file: where (JSON path), what value, which rule.</summary>
/// <example>subsystems[1].stores[0].chargeEfficiency: 1.4 is not in (0, 1]</example>
public sealed record ValidationProblem(string Path, string Value, string Rule)
{
    public override string ToString() => string.IsNullOrEmpty(Value) ? $"{Path}: {Rule}" : $"{Path}: {Value} {Rule}";
}
