using Sems.Engine.Limits;
using static Sems.Engine.Tests.Limits.LimitFixtures;

namespace Sems.Engine.Tests.Limits;

/// <summary>
/// <see cref="LimitSchedule"/> against a second, naive implementation on random versions (fixed seeds): a timeline of
/// one cell per minute is painted with every version in increasing version order, each over the minutes it applies
/// (interval by interval, minute by minute, up to its cancel minute), so that newer versions overwrite older ones; a
/// second timeline is painted with each version's fallback from the minute it ends on. A step then reads the first
/// timeline at its start minute, else the second, else the base. Supersession and overlap are read off the same paint.
/// </summary>
public sealed class LimitSchedulePropertyTests
{
    private const int WindowStartMinute = -24 * 60;
    private const int WindowMinutes = 3 * 24 * 60;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 200; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Effective_state_and_overlap_match_a_minute_by_minute_paint(int seed)
    {
        var random = new Random(seed);
        var versions = RandomVersions(random);
        var stepMinutes = random.Next(2) == 0 ? 15 : 30;
        var steps = random.Next(1, 49);
        var horizonMinute = random.Next(-8, 24) * 60 + random.Next(4) * 15;
        var baseKw = Enumerable.Range(0, steps).Select(_ => random.Next(3) == 0 ? double.PositiveInfinity : random.Next(500, 600)).ToArray();

        var mine = versions.Where(v => v.Request.Resource == "electricity").ToList();
        var (value, owner) = Paint(mine);
        var (fallback, fallbackOwner) = PaintFallbacks(mine);

        var actual = LimitSchedule.Effective(versions, "district", "electricity", Day.AddMinutes(horizonMinute), stepMinutes, steps, baseKw);

        for (var i = 0; i < steps; i++)
        {
            var cell = horizonMinute + i * stepMinutes - WindowStartMinute;
            var (kw, version, isFallback) = owner[cell] is { } o ? (value[cell], (long?)o, false)
                : fallbackOwner[cell] is { } f ? (fallback[cell], (long?)f, true)
                : (baseKw[i], (long?)null, false);
            Assert.True(kw.Equals(actual.Kw[i]), $"seed {seed}, step {i}: {actual.Kw[i]} kW, the paint says {kw} kW");
            Assert.Equal(version, actual.VersionPerStep[i]);
            Assert.Equal(isFallback, actual.FallbackPerStep[i]);
        }

        foreach (var v in mine.Where(v => v.CancelledAt is null))
        {
            // Superseded: no minute of its span is left painted with its own number.
            var (start, end) = Minutes(v);
            var superseded = Enumerable.Range(start, end - start).All(m => owner[m - WindowStartMinute] != v.Version);
            Assert.Equal(superseded, LimitSchedule.StateAt(v, versions, Day, null) == LimitState.Superseded);
        }

        var request = RandomRequest(random, "electricity");
        var (requestStart, requestEnd) = (Minute(request.Start), Minute(request.End));
        var expectedOverlap = mine
            .Where(v => Enumerable.Range(0, WindowMinutes).Any(c => Applies(v, c + WindowStartMinute) && c + WindowStartMinute >= requestStart && c + WindowStartMinute < requestEnd))
            .Select(v => v.Version).Order().ToList();
        Assert.Equal(expectedOverlap, LimitSchedule.Overlapped(versions, request));
    }

    private static List<LimitVersion> RandomVersions(Random random)
    {
        var count = random.Next(0, 9);
        var versions = new List<LimitVersion>();
        for (var k = 1; k <= count; k++)
        {
            var request = RandomRequest(random, random.Next(6) == 0 ? "gas" : "electricity");
            var (start, end) = (Minute(request.Start), Minute(request.End));
            DateTimeOffset? cancelledAt = random.Next(4) == 0 ? Day.AddMinutes(random.Next(start - 60, end + 60)) : null;
            versions.Add(new LimitVersion(k * 10 + random.Next(10), request, "dso", Day.AddDays(-1), cancelledAt));
        }

        // Handed over in random order: the order must not matter, only the version numbers.
        return versions.OrderBy(_ => random.Next()).ToList();
    }

    private static LimitRequest RandomRequest(Random random, string resource)
    {
        var start = Day.AddMinutes(random.Next(-12 * 4, 28 * 4) * 15);
        var resolution = random.Next(1, 5) * 15;
        var values = Enumerable.Range(0, random.Next(1, 13)).Select(_ => (double)random.Next(0, 400)).ToArray();
        double? fallback = random.Next(2) == 0 ? random.Next(0, 400) + 0.5 : null;
        return Request(start, resolution, values, fallback, resource: resource);
    }

    /// <summary>Newer versions painted over older ones, minute by minute, interval by interval.</summary>
    private static (double[] Value, long?[] Owner) Paint(IEnumerable<LimitVersion> versions)
    {
        var value = new double[WindowMinutes];
        var owner = new long?[WindowMinutes];
        foreach (var v in versions.OrderBy(v => v.Version))
        {
            var minute = Minute(v.Request.Start);
            var resolution = (int)v.Request.Resolution.TotalMinutes;
            foreach (var kw in v.Request.ImportMaxKw)
            {
                for (var k = 0; k < resolution; k++, minute++)
                {
                    if (v.CancelledAt is { } c && minute >= Minute(c)) continue;
                    value[minute - WindowStartMinute] = kw;
                    owner[minute - WindowStartMinute] = v.Version;
                }
            }
        }

        return (value, owner);
    }

    /// <summary>Each fallback painted from the minute its version stops applying to the window's end.</summary>
    private static (double[] Value, long?[] Owner) PaintFallbacks(IEnumerable<LimitVersion> versions)
    {
        var value = new double[WindowMinutes];
        var owner = new long?[WindowMinutes];
        foreach (var v in versions.OrderBy(v => v.Version))
        {
            if (v.Request.FallbackImportMaxKw is not { } kw) continue;
            var ends = Minute(v.End);
            if (v.CancelledAt is { } c) ends = Math.Min(ends, Minute(c));
            for (var m = Math.Max(ends, WindowStartMinute); m < WindowStartMinute + WindowMinutes; m++)
            {
                value[m - WindowStartMinute] = kw;
                owner[m - WindowStartMinute] = v.Version;
            }
        }

        return (value, owner);
    }

    private static bool Applies(LimitVersion v, int minute)
    {
        var (start, end) = Minutes(v);
        return minute >= start && minute < end && !(v.CancelledAt is { } c && minute >= Minute(c));
    }

    private static (int Start, int End) Minutes(LimitVersion v) => (Minute(v.Request.Start), Minute(v.End));

    private static int Minute(DateTimeOffset t) => checked((int)(t - Day).TotalMinutes);
}
