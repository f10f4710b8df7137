namespace Sems.Contracts.Limits;

/// <summary>
/// A DSO's time-varying limit as requested: one value per interval of <paramref name="Resolution"/> from
/// <paramref name="Start"/> (kW of import, and optionally of export), for one connection point and resource.
/// </summary>
/// <param name="FallbackImportMaxKw">The limit (kW) that applies once the profile has run out or is cancelled; null: the district file's.</param>
[GenerateSerializer, Immutable, Alias("sems.LimitProfile")]
public sealed record LimitProfile(
    [property: Id(0)] string Node,
    [property: Id(1)] string Resource,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] TimeSpan Resolution,
    [property: Id(4)] double[] ImportMaxKw,
    [property: Id(5)] double[]? ExportMaxKw,
    [property: Id(6)] double? FallbackImportMaxKw,
    [property: Id(7)] string Reason);
