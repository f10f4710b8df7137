using Sems.Engine.Limits;

namespace Sems.Engine.Tests.Limits;

/// <summary>Requests and versions on 1 March 2025 (UTC) for the limit tests.</summary>
internal static class LimitFixtures
{
    public static readonly DateTimeOffset Day = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int hour, int minute = 0) => Day.AddHours(hour).AddMinutes(minute);

    public static LimitRequest Request(DateTimeOffset start, int resolutionMinutes, double[] importKw, double? fallbackKw = null,
        string node = "district", string resource = "electricity") =>
        new(node, resource, start, TimeSpan.FromMinutes(resolutionMinutes), importKw, null, fallbackKw, "test");

    public static LimitVersion Version(long version, LimitRequest request, DateTimeOffset? cancelledAt = null, DateTimeOffset? setAt = null) =>
        new(version, request, "dso", setAt ?? Day.AddDays(-1), cancelledAt);

    public static double[] NoLimit(int steps) => Enumerable.Repeat(double.PositiveInfinity, steps).ToArray();
}
