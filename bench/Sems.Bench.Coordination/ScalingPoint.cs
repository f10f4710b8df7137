using System.Globalization;

namespace Sems.Bench.Coordination;

/// <summary>One row of the scaling CSV: one coordination cycle of one generated city in one mode.</summary>
/// <param name="Subsystems">Subsystems in the city.</param>
/// <param name="Feeders">Feeders under the substation.</param>
/// <param name="Mode"><c>priority</c>, <c>priority-parallel</c> or <c>economic</c>.</param>
/// <param name="Hosting"><c>local</c> (engine), <c>silo</c> (in memory) or <c>postgres</c>.</param>
/// <param name="Silos">Silos the grains ran on (0 for local).</param>
/// <param name="RootLimit">The substation's limit, fraction of all peaks.</param>
/// <param name="FeederLimit">Each feeder's limit, fraction of its subsystems' peaks.</param>
/// <param name="WallSeconds">The cycle: first plans, coordination and (grains) commit, s; NaN when the point did not finish.</param>
/// <param name="PlanSeconds">The grains' planning phase, s (NaN for local).</param>
/// <param name="CoordinationSeconds">The grains' coordination phase, s (NaN for local).</param>
/// <param name="Solves">Subsystem solves in the cycle (first plans, re-solves, priced solves, repairs).</param>
/// <param name="Rounds">Algorithm 1 visits (priority), parallel batches (priority-parallel) or price rounds (economic).</param>
/// <param name="Resolves">Re-solves whose answers were used (priority modes) or repairs (economic).</param>
/// <param name="Speculative">Priority-parallel: re-solves launched on a predicted P̄max.</param>
/// <param name="Wasted">Priority-parallel: launched re-solves whose answers were not used.</param>
/// <param name="Refused">Re-solves (priority) or repairs (economic) the subsystem refused: it kept its last feasible plan.</param>
/// <param name="Objective">Σ over subsystems of the final plans' model objective (currency and weighted terms).</param>
/// <param name="ReferenceObjective">The centralised reference's objective for the same city, or NaN.</param>
/// <param name="DwGap">Economic: (UB − LB)/|UB| of Dantzig–Wolfe at the end; NaN otherwise.</param>
/// <param name="LimitsHold">Every node's limit holds after the cycle.</param>
/// <param name="ViolationBeforeKwh">Σ over nodes and steps of the excess before coordination, kWh.</param>
/// <param name="ViolationAfterKwh">The same after coordination, kWh.</param>
/// <param name="ManagedMib">Managed heap after a full GC at the end of the cycle, MiB.</param>
/// <param name="PeakWorkingSetMib">The point's process's peak working set, MiB.</param>
/// <param name="GenerateSeconds">Generating the city's JSON, s.</param>
/// <param name="ReadSeconds">Reading it (<c>DistrictReader</c>) or configuring the grains, s.</param>
/// <param name="ReferenceSeconds">The reference's joint solve, s (NaN when not computed here).</param>
/// <param name="MilpSubsystems">Subsystems whose model has integer variables.</param>
/// <param name="LoadStart">1-minute load average when the point started.</param>
/// <param name="LoadEnd">1-minute load average when the cycle ended.</param>
/// <param name="CpuSeconds">CPU time (user + system, every thread) the point's process used during the cycle, s; NaN where not measured.</param>
/// <param name="Status"><c>ok</c>, <c>timeout</c> or <c>failed: …</c>.</param>
public sealed record ScalingPoint(
    int Subsystems, int Feeders, string Mode, string Hosting, int Silos, double RootLimit, double FeederLimit,
    double WallSeconds, double PlanSeconds, double CoordinationSeconds, long Solves, int Rounds, int Resolves, int Speculative, int Wasted, int Refused,
    double Objective, double ReferenceObjective, double DwGap, bool LimitsHold, double ViolationBeforeKwh, double ViolationAfterKwh,
    double ManagedMib, double PeakWorkingSetMib, double GenerateSeconds, double ReadSeconds, double ReferenceSeconds, int MilpSubsystems,
    double LoadStart, double LoadEnd, double CpuSeconds, string Status)
{
    public const string Header =
        "subsystems,feeders,mode,hosting,silos,root_limit,feeder_limit,wall_s,plan_s,coordination_s,solves,solves_per_s,rounds,resolves,speculative,wasted,refused," +
        "objective,reference_objective,gap_to_reference,dw_gap,limits_hold,violation_before_kwh,violation_after_kwh," +
        "managed_mib,peak_working_set_mib,peak_working_set_kib_per_subsystem,generate_s,read_s,reference_s,milp_subsystems,load_start,load_end,cpu_s,status";

    /// <summary>Solves per second of wall time.</summary>
    public double SolvesPerSecond => Solves / WallSeconds;

    /// <summary>(objective − reference)/|reference|, NaN without a reference.</summary>
    public double GapToReference => (Objective - ReferenceObjective) / Math.Abs(ReferenceObjective);

    /// <summary>Peak working set per subsystem, KiB.</summary>
    public double KibPerSubsystem => PeakWorkingSetMib * 1024 / Subsystems;

    /// <summary>A row that did not produce a cycle.</summary>
    public static ScalingPoint Unfinished(int subsystems, int feeders, string mode, string hosting, int silos, double rootLimit, double feederLimit, string status) =>
        new(subsystems, feeders, mode, hosting, silos, rootLimit, feederLimit, double.NaN, double.NaN, double.NaN, 0, 0, 0, 0, 0, 0,
            double.NaN, double.NaN, double.NaN, false, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0,
            double.NaN, double.NaN, double.NaN, status);

    public string ToCsv()
    {
        static string N(double x) => double.IsFinite(x) ? x.ToString("G9", CultureInfo.InvariantCulture) : "";
        var fields = new[]
        {
            I(Subsystems), I(Feeders), Mode, Hosting, I(Silos), N(RootLimit), N(FeederLimit), N(WallSeconds), N(PlanSeconds), N(CoordinationSeconds),
            Solves.ToString(CultureInfo.InvariantCulture), N(SolvesPerSecond), I(Rounds), I(Resolves), I(Speculative), I(Wasted), I(Refused),
            N(Objective), N(ReferenceObjective), N(GapToReference), N(DwGap), LimitsHold ? "true" : "false", N(ViolationBeforeKwh), N(ViolationAfterKwh),
            N(ManagedMib), N(PeakWorkingSetMib), N(KibPerSubsystem), N(GenerateSeconds), N(ReadSeconds), N(ReferenceSeconds), I(MilpSubsystems),
            N(LoadStart), N(LoadEnd), N(CpuSeconds), "\"" + Status.Replace("\"", "'", StringComparison.Ordinal).Replace('\n', ' ') + "\"",
        };
        return string.Join(",", fields);
    }

    /// <summary>Reads a row written by <see cref="ToCsv"/> (or by the bench before it measured CPU time: no <c>cpu_s</c>).</summary>
    public static ScalingPoint FromCsv(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var quote = line.IndexOf('"', StringComparison.Ordinal);
        var status = quote >= 0 ? line[(quote + 1)..].TrimEnd().TrimEnd('"') : "";
        var f = (quote >= 0 ? line[..quote] : line).Split(',');
        if (f.Length < 33) throw new FormatException($"a scaling row has 34 fields, this one {f.Length + (quote >= 0 ? 1 : 0)}: \"{line}\"");
        double D(int k) => f[k].Length == 0 ? double.NaN : double.Parse(f[k], NumberStyles.Float, CultureInfo.InvariantCulture);
        int W(int k) => int.Parse(f[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new ScalingPoint(W(0), W(1), f[2], f[3], W(4), D(5), D(6), D(7), D(8), D(9), long.Parse(f[10], CultureInfo.InvariantCulture), W(12), W(13), W(14), W(15), W(16),
            D(17), D(18), D(20), f[21] == "true", D(22), D(23), D(24), D(25), D(27), D(28), D(29), W(30), D(31), D(32), f.Length > 34 ? D(33) : double.NaN, status);
    }

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);
}
