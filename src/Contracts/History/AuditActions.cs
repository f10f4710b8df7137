namespace Sems.Contracts.History;

/// <summary>The actions an <see cref="AuditRecord"/> names: every change the API accepts is written as one of these.</summary>
public static class AuditActions
{
    /// <summary>A district limit was set (SetLimit).</summary>
    public const string LimitSet = "limit.set";

    /// <summary>A district limit was cancelled (CancelLimit).</summary>
    public const string LimitCancel = "limit.cancel";

    /// <summary>A district's definition was created or replaced (PutDistrict).</summary>
    public const string DistrictPut = "district.put";

    /// <summary>A district was started (StartDistrict).</summary>
    public const string DistrictStart = "district.start";

    /// <summary>A district was stopped (StopDistrict).</summary>
    public const string DistrictStop = "district.stop";

    /// <summary>Every action above, in that order.</summary>
    public static IReadOnlyList<string> All { get; } = [LimitSet, LimitCancel, DistrictPut, DistrictStart, DistrictStop];
}
