using System.Globalization;

namespace Sems.Persistence.History;

/// <summary>Options of the history store (configuration section "History").</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>PostgreSQL connection string. Set: the PostgreSQL store; null or empty: the in-memory store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Records the PostgreSQL writer's queue holds; a record arriving when it is full is dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>At most this many records per transaction.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>First wait after a failed batch; doubles per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long stopping waits for the queue to drain before the rest is counted as lost.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>History rows (every kind but the audit log) whose time is older than this many days are deleted periodically; 0 keeps everything.</summary>
    public double RetentionDays { get; set; }

    /// <summary>
    /// Audit entries (<c>sems_audit</c>) whose time is older than this many days are deleted periodically; 0 keeps them
    /// all. Default 400 days: a year of changes and a regulator's reporting period on top, so an entry outlives the
    /// question about it. It is never shorter than <see cref="RetentionDays"/> (when both are set), so the audit log
    /// explains every change the kept history shows.
    /// </summary>
    public double AuditRetentionDays { get; set; } = 400;

    /// <summary>The longest <see cref="AuditRetentionDays"/> accepted: 100 years.</summary>
    public const double MaxAuditRetentionDays = 36_500;

    /// <summary>How often retention (of the history and of the audit log) runs; the first run is one interval after start.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records the in-memory store keeps per kind; the oldest are dropped beyond it.</summary>
    public int InMemoryCapacityPerKind { get; set; } = 10_000;

    /// <summary>The problems of these options, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (QueueCapacity < 1) problems.Add("History:QueueCapacity must be at least 1.");
        if (BatchSize < 1) problems.Add("History:BatchSize must be at least 1.");
        if (RetryInitialDelay <= TimeSpan.Zero || RetryMaxDelay < RetryInitialDelay) problems.Add("History:RetryInitialDelay must be positive and at most RetryMaxDelay.");
        if (DrainTimeout < TimeSpan.Zero) problems.Add("History:DrainTimeout must not be negative.");
        if (RetentionDays < 0 || double.IsNaN(RetentionDays)) problems.Add("History:RetentionDays must be 0 (keep everything) or positive.");
        if (!(AuditRetentionDays >= 0 && AuditRetentionDays <= MaxAuditRetentionDays))
        {
            problems.Add($"History:AuditRetentionDays must be 0 (keep every audit entry) or a number of days up to {MaxAuditRetentionDays.ToString(CultureInfo.InvariantCulture)}; it is {AuditRetentionDays.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (AuditRetentionDays > 0 && RetentionDays > AuditRetentionDays)
        {
            problems.Add($"History:AuditRetentionDays ({AuditRetentionDays.ToString(CultureInfo.InvariantCulture)} days) must be 0 (keep every audit entry) or at least History:RetentionDays ({RetentionDays.ToString(CultureInfo.InvariantCulture)} days): audit entries are not kept shorter than the history they explain.");
        }
        if (RetentionInterval <= TimeSpan.Zero) problems.Add("History:RetentionInterval must be positive.");
        if (InMemoryCapacityPerKind < 1) problems.Add("History:InMemoryCapacityPerKind must be at least 1.");
        return problems;
    }
}
