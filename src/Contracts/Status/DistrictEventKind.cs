namespace Sems.Contracts.Status;

/// <summary>What happened in a district: a cycle completed, a limit version was accepted or cancelled, the definition or run state changed.</summary>
public enum DistrictEventKind
{
    Cycle = 0,
    LimitChange = 1,
    District = 2,
}
