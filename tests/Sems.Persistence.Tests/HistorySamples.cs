using Sems.Contracts.History;

namespace Sems.Persistence.Tests;

/// <summary>Records of every kind (the audit log included) with values that differ per index (NaN, infinities, nulls and empty maps included), and a field-by-field comparison.</summary>
internal static class HistorySamples
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int i) => Epoch.AddMinutes(15 * i);

    public static MeasurementRecord Measurement(string district, int i) => new(district, At(i), $"sub{i % 3}", $"asset{i}", "temperature",
        [20.5 + i, i % 5 == 0 ? double.NaN : -i, double.PositiveInfinity], "degC", At(i).AddSeconds(3), i % 2 == 0, i % 2 == 0 ? null : $"stale by {i} s");

    public static ForecastRecord Forecast(string district, int i) => new(district, At(i), "heat", i, "ambient", 15, [.. Enumerable.Range(0, 8).Select(k => Math.Sin(i + k))]);

    public static PlanRecord Plan(string district, int i) => new(district, At(i), $"sub{i % 2}", i, i % 2 == 0 ? "initial" : "resolved", "Optimal", i % 3 != 0,
        1000.25 + i, 900 + i, 50.5, i == 0 ? double.NaN : 49.75,
        new Dictionary<string, double> { ["electricity"] = 12.5 * i, ["gas"] = -3, ["heat"] = double.MaxValue },
        i % 4 == 0 ? new Dictionary<string, IReadOnlyList<double>>() : new Dictionary<string, IReadOnlyList<double>> { ["grid"] = [1, 2, i], ["gas"] = [0.5 * i] },
        15);

    public static SetpointRecord Setpoint(string district, int i, int cycle) => new(district, At(cycle), $"sub{i % 4}", $"asset{i}", cycle, At(cycle + 1),
        new Dictionary<string, double> { ["powerKw"] = i * 0.1 + cycle, ["chargeKw"] = -i }, i % 7 == 0 ? "fallback" : "plan");

    public static ReportRecord Report(string district, int i) => new(district, At(i), i, "coordinated", i % 5 == 4, i % 3, i % 2,
        new Dictionary<string, IReadOnlyList<double>> { ["grid"] = [100, 100, 90] },
        new Dictionary<string, IReadOnlyList<double>> { ["grid"] = [120, 80 + i, 95], ["gas"] = [10] },
        new Dictionary<string, IReadOnlyList<double>> { ["grid"] = [100, 80 + i, 90] },
        new Dictionary<string, IReadOnlyList<double>> { ["grid"] = [20, 0, 5] },
        new Dictionary<string, IReadOnlyList<double>>(),
        new Dictionary<string, double> { ["grid"] = 6.25 + i },
        new Dictionary<string, double> { ["grid"] = 0 },
        [new("heat", 1, "Optimal", "tightened", null), new("ev", 2, "Infeasible", "refused", $"limit below minimum in step {i}")],
        3 * i, 12.5 + i, 15);

    public static LimitChangeRecord LimitChange(string district, int i) => new(district, At(i), "grid", i, [.. Enumerable.Repeat(250.0 - i, 4)], i % 2 == 0 ? "dso" : "operator");

    /// <summary>An audit entry: non-ASCII principal and detail, a version beyond int32, the five actions in turn.</summary>
    public static AuditRecord Audit(string district, int i) => new(district, At(i), i % 2 == 0 ? "dso-north" : $"Zoë Ørsted {i}",
        AuditActions.All[i % AuditActions.All.Count], 5_000_000_000L + i, $"electricity from cycle {i}: 70 kW → {60 - i} kW ✓", $"req-{i:D4}");

    public static IEnumerable<HistoryRecord> AllKinds(string district, int n) => Enumerable.Range(0, n).SelectMany(i => new HistoryRecord[]
    {
        Measurement(district, i), Forecast(district, i), Plan(district, i), Setpoint(district, i, i), Report(district, i), LimitChange(district, i), Audit(district, i),
    });

    /// <summary>Asserts two records are equal field by field (maps as ordered name/value sequences, doubles bit-exact so NaN equals NaN).</summary>
    public static void AssertSame(HistoryRecord expected, HistoryRecord actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.District, actual.District);
        Assert.Equal(expected.At, actual.At);
        switch (expected, actual)
        {
            case (MeasurementRecord e, MeasurementRecord a):
                Assert.Equal((e.Subsystem, e.Asset, e.Quantity, e.Unit, e.ReceivedAt, e.Accepted, e.Reason), (a.Subsystem, a.Asset, a.Quantity, a.Unit, a.ReceivedAt, a.Accepted, a.Reason));
                Doubles(e.Values, a.Values);
                break;
            case (ForecastRecord e, ForecastRecord a):
                Assert.Equal((e.Subsystem, e.Cycle, e.Series, e.StepMinutes), (a.Subsystem, a.Cycle, a.Series, a.StepMinutes));
                Doubles(e.Values, a.Values);
                break;
            case (PlanRecord e, PlanRecord a):
                Assert.Equal((e.Subsystem, e.Cycle, e.Stage, e.Status, e.Accepted, e.StepMinutes), (a.Subsystem, a.Cycle, a.Stage, a.Status, a.Accepted, a.StepMinutes));
                Doubles([e.Objective, e.EnergyTerm, e.StorageTerm, e.ComfortTerm], [a.Objective, a.EnergyTerm, a.StorageTerm, a.ComfortTerm]);
                Map(e.FactorTotals, a.FactorTotals);
                Profiles(e.DrawKw, a.DrawKw);
                break;
            case (SetpointRecord e, SetpointRecord a):
                Assert.Equal((e.Subsystem, e.Asset, e.Cycle, e.ValidUntil, e.Source), (a.Subsystem, a.Asset, a.Cycle, a.ValidUntil, a.Source));
                Map(e.Values, a.Values);
                break;
            case (ReportRecord e, ReportRecord a):
                Assert.Equal((e.Cycle, e.Mode, e.Missed, e.Rounds, e.Resolves, e.SetpointsCommitted, e.StepMinutes), (a.Cycle, a.Mode, a.Missed, a.Rounds, a.Resolves, a.SetpointsCommitted, a.StepMinutes));
                Doubles([e.WallMs], [a.WallMs]);
                Profiles(e.LimitKw, a.LimitKw);
                Profiles(e.DrawBeforeKw, a.DrawBeforeKw);
                Profiles(e.DrawAfterKw, a.DrawAfterKw);
                Profiles(e.ExcessBeforeKw, a.ExcessBeforeKw);
                Profiles(e.ExcessAfterKw, a.ExcessAfterKw);
                Map(e.ViolationBeforeKwh, a.ViolationBeforeKwh);
                Map(e.ViolationAfterKwh, a.ViolationAfterKwh);
                Assert.Equal(e.Subsystems, a.Subsystems);
                break;
            case (LimitChangeRecord e, LimitChangeRecord a):
                Assert.Equal((e.Resource, e.FromCycle, e.Source), (a.Resource, a.FromCycle, a.Source));
                Doubles(e.ValuesKw, a.ValuesKw);
                break;
            case (AuditRecord e, AuditRecord a):
                Assert.Equal((e.Principal, e.Action, e.Version, e.Detail, e.RequestId), (a.Principal, a.Action, a.Version, a.Detail, a.RequestId));
                break;
            default:
                Assert.Fail($"Unexpected record type {expected.GetType().Name}");
                break;
        }
    }

    private static void Doubles(IReadOnlyList<double> expected, IReadOnlyList<double> actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    private static void Map(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        Doubles([.. expected.Values], [.. actual.Values]);
    }

    private static void Profiles(IReadOnlyDictionary<string, IReadOnlyList<double>> expected, IReadOnlyDictionary<string, IReadOnlyList<double>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, values) in expected) Doubles(values, actual[key]);
    }
}
