using Sems.Engine.Model;

namespace Sems.Engine.Districts;

/// <summary>The outcome of reading a district file: the district when valid, every error, and warnings (unknown fields).</summary>
public sealed record DistrictReadResult(District? District, IReadOnlyList<ValidationProblem> Errors, IReadOnlyList<ValidationProblem> Warnings)
{
    public bool IsValid => District is not null && Errors.Count == 0;

    /// <summary>The district, or a <see cref="DistrictValidationException"/> naming every error.</summary>
    public District GetDistrictOrThrow() => IsValid ? District! : throw new DistrictValidationException(Errors);
}
