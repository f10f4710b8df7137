namespace Sems.Engine.Limits;

/// <summary>Where a limit version stands (IEEE 2030.5 style), as <see cref="LimitSchedule.StateAt"/> decides it.</summary>
public enum LimitState
{
    /// <summary>Accepted, but no coordination cycle has planned with it yet.</summary>
    Validated,

    /// <summary>Planned with; its first interval has not begun.</summary>
    Scheduled,

    /// <summary>Planned with; now lies inside its intervals.</summary>
    Active,

    /// <summary>Its last interval has ended.</summary>
    Completed,

    /// <summary>Newer versions of the same node and resource cover every one of its intervals.</summary>
    Superseded,

    /// <summary>Cancelled by the DSO; from the cancel time on, its fallback applies.</summary>
    Cancelled,
}
