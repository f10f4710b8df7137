namespace Sems.Contracts.Limits;

/// <summary>How a limit command ended; each maps to one status code of the API.</summary>
public enum LimitOutcomeKind
{
    /// <summary>Applied (or a retry of one that was: nothing applied twice).</summary>
    Accepted = 0,

    /// <summary>The request is not valid; see the violations. Nothing changed.</summary>
    Invalid = 1,

    /// <summary>The expected etag is not the current one. Nothing changed.</summary>
    EtagMismatch = 2,

    /// <summary>The version to cancel does not exist.</summary>
    NotFound = 3,

    /// <summary>The district has no definition yet.</summary>
    NotConfigured = 4,
}
