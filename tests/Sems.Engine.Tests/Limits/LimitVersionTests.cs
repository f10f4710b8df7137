using Sems.Engine.Limits;
using static Sems.Engine.Tests.Limits.LimitFixtures;

namespace Sems.Engine.Tests.Limits;

/// <summary>A version's end and etag, and a request's value equality.</summary>
public sealed class LimitVersionTests
{
    private static readonly LimitVersion V = Version(7, Request(At(0), 30, [100, 80, 60], fallbackKw: 50));

    [Fact]
    public void End_is_start_plus_n_intervals()
    {
        // 3 × 30 min from 00:00: 01:30; a start given at +02:00 ends at the same instant.
        Assert.Equal(At(1, 30), V.End);
        var local = Request(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.FromHours(2)), 30, [1, 2, 3]);
        Assert.Equal(At(1, 30), local.End);
    }

    [Fact]
    public void The_etag_is_16_hex_digits_and_the_same_for_the_same_content()
    {
        var copy = new LimitVersion(7, Request(At(0), 30, [100, 80, 60], fallbackKw: 50), "dso", Day.AddDays(-1), null);

        Assert.Matches("^[0-9a-f]{16}$", V.Etag);
        Assert.Equal(V.Etag, copy.Etag);
        Assert.Equal(V.Etag, V.Etag);
    }

    [Fact]
    public void The_etag_changes_with_the_version_the_content_and_a_cancel()
    {
        string[] etags =
        [
            V.Etag,
            (V with { Version = 8 }).Etag,
            (V with { CancelledAt = At(0, 45) }).Etag,
            (V with { CancelledAt = At(1) }).Etag,
            (V with { Request = V.Request with { ImportMaxKw = [100, 80, 61] } }).Etag,
            (V with { Request = V.Request with { FallbackImportMaxKw = null } }).Etag,
            (V with { Request = V.Request with { Reason = "tést" } }).Etag,
            (V with { Request = V.Request with { Reason = "tëst" } }).Etag,
            (V with { SetBy = "other" }).Etag,
        ];

        Assert.Equal(etags.Length, etags.Distinct().Count());
    }

    [Fact]
    public void Requests_compare_their_lists_by_value()
    {
        var a = Request(At(0), 30, [100, 80]);
        var b = Request(At(0), 30, [100, 80]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { ImportMaxKw = [100, 81] });
        Assert.NotEqual(a, b with { ExportMaxKw = [1, 1] });
    }
}
