namespace Sems.Engine.Limits;

/// <summary>
/// A time-varying import limit that a distribution system operator (DSO) asks for on a connection point: interval
/// <c>j</c> covers [<see cref="Start"/> + j·<see cref="Resolution"/>, <see cref="Start"/> + (j+1)·<see cref="Resolution"/>)
/// and caps the import at <c>ImportMaxKw[j]</c> kW (the compact interval form of an OpenADR capacity limit).
/// </summary>
/// <param name="Node">The connection point: <c>""</c> or the district's name for the district root.</param>
/// <param name="Resource">The resource limited, e.g. <c>electricity</c>.</param>
/// <param name="Start">When the first interval begins (any offset; compared as an instant).</param>
/// <param name="Resolution">The length of one interval, a whole number of the district's steps.</param>
/// <param name="ImportMaxKw">One import limit per interval, kW.</param>
/// <param name="ExportMaxKw">One export limit per interval, kW, or null (an empty list counts as none).</param>
/// <param name="FallbackImportMaxKw">The import limit, kW, once the profile has run out or was cancelled; null for none.</param>
/// <param name="Reason">Why the DSO sets it, in words (at most 500 characters).</param>
/// <remarks>Compares by value, the lists element by element.</remarks>
public sealed record LimitRequest(
    string Node,
    string Resource,
    DateTimeOffset Start,
    TimeSpan Resolution,
    IReadOnlyList<double> ImportMaxKw,
    IReadOnlyList<double>? ExportMaxKw,
    double? FallbackImportMaxKw,
    string Reason)
{
    /// <summary>The end of the last interval, <see cref="Start"/> + n·<see cref="Resolution"/>, in UTC
    /// (<see cref="DateTimeOffset.MaxValue"/> if that lies beyond the calendar).</summary>
    public DateTimeOffset End => new(LimitTime.EndTicks(this), TimeSpan.Zero);

    /// <summary>The number of intervals, n.</summary>
    public int Intervals => ImportMaxKw?.Count ?? 0;

    public bool Equals(LimitRequest? other) =>
        other is not null
        && string.Equals(Node, other.Node, StringComparison.Ordinal)
        && string.Equals(Resource, other.Resource, StringComparison.Ordinal)
        && Start.Equals(other.Start) && Start.Offset == other.Start.Offset
        && Resolution == other.Resolution
        && SameValues(ImportMaxKw, other.ImportMaxKw)
        && SameValues(ExportMaxKw, other.ExportMaxKw)
        && Nullable.Equals(FallbackImportMaxKw, other.FallbackImportMaxKw)
        && string.Equals(Reason, other.Reason, StringComparison.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Node, StringComparer.Ordinal);
        hash.Add(Resource, StringComparer.Ordinal);
        hash.Add(Start);
        hash.Add(Resolution);
        foreach (var value in ImportMaxKw ?? []) hash.Add(value);
        hash.Add(-1);
        foreach (var value in ExportMaxKw ?? []) hash.Add(value);
        hash.Add(FallbackImportMaxKw);
        hash.Add(Reason, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    private static bool SameValues(IReadOnlyList<double>? a, IReadOnlyList<double>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i])) return false;
        }

        return true;
    }
}
