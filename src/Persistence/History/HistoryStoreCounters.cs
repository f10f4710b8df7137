namespace Sems.Persistence.History;

/// <summary>
/// What a history store has done since it started. <see cref="Written"/> counts records committed (a set-point the
/// database already had counts as written and as a <see cref="Duplicates"/>); <see cref="Dropped"/> those refused
/// because the queue was full (or, in memory, evicted as the oldest); <see cref="Retried"/> failed batch attempts that
/// were retried; <see cref="Rejected"/> records PostgreSQL refused as invalid data; <see cref="Lost"/> records still
/// queued when stopping gave up; <see cref="Pending"/> records queued or in the batch being written.
/// </summary>
public sealed record HistoryStoreCounters(
    long Enqueued,
    long Written,
    long Dropped,
    long Retried,
    long Duplicates,
    long Rejected,
    long Lost,
    long Pending);
