namespace Sems.Engine.Limits;

/// <summary>The import limit in force at each step of a horizon, and where it came from.</summary>
/// <param name="Kw">The limit per step, kW; <see cref="double.PositiveInfinity"/> where no limit applies.</param>
/// <param name="VersionPerStep">The version whose interval (or fallback) gives the step's limit; null where the
/// district file's base limit applies.</param>
/// <param name="FallbackPerStep">Whether the step's limit is a version's fallback.</param>
public sealed record EffectiveLimit(double[] Kw, long?[] VersionPerStep, bool[] FallbackPerStep)
{
    /// <summary>Whether a fallback applies at any step.</summary>
    public bool FallbackActive => Array.Exists(FallbackPerStep, fallback => fallback);
}
