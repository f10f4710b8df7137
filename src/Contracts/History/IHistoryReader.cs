namespace Sems.Contracts.History;

/// <summary>Reads the history back, oldest first, for <c>sems history</c> and the DSO API.</summary>
public interface IHistoryReader
{
    /// <param name="district">The district id.</param>
    /// <param name="kind">Which records; null for all kinds.</param>
    /// <param name="from">Inclusive lower bound on <see cref="HistoryRecord.At"/>; null for no bound.</param>
    /// <param name="to">Exclusive upper bound on <see cref="HistoryRecord.At"/>; null for no bound.</param>
    /// <param name="limit">At most this many records.</param>
    Task<IReadOnlyList<HistoryRecord>> ReadAsync(string district, HistoryKind? kind, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken);
}
