namespace Sems.Engine.Limits;

/// <summary>One problem with a limit request, as a <c>google.rpc.BadRequest</c> field violation.</summary>
/// <param name="Field">The request's field path, e.g. <c>import_max_kw[3]</c>.</param>
/// <param name="Description">The value (invariant culture, at most 120 characters quoted) and the rule it breaks.</param>
/// <example>import_max_kw[3]: -5 kW is not in [0, 1e7] kW</example>
public sealed record FieldViolation(string Field, string Description)
{
    public override string ToString() => $"{Field}: {Description}";
}
