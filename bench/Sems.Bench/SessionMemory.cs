using System.Diagnostics;
using System.Runtime.InteropServices;
using Sems.Engine.Horizon;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Bench;

/// <summary>
/// Side experiment (<c>--session-memory</c>): the memory of open heat-network sessions, as the process working set and,
/// on glibc, the native heap in use (<c>mallinfo2</c> after <c>malloc_trim</c>: OR-Tools' allocations without the pages
/// the allocator keeps), with the managed heap's share from the GC. Measured for 200 sessions after their first (cold)
/// solve and again after each has re-solved warm the next cycle (the steady state of a subsystem grain), then split on
/// the native side into MPSolver's model (an <see cref="LpSession"/> opened, not solved) and GLOP's part (its solve).
/// </summary>
internal static class SessionMemory
{
    public static void Run(int count = 200)
    {
        var district = Examples.Load(Examples.HeatNetwork);
        var subsystem = Examples.Subsystem(district);
        var next = RecedingHorizon.Shift(district, 1);
        using (var warmup = new SubsystemSession())
        {
            warmup.Solve(district, subsystem);
            warmup.Solve(next, next.Subsystems[0]);
        }

        var before = Measure();
        var sessions = new List<SubsystemSession>(count);
        for (var k = 0; k < count; k++)
        {
            var session = new SubsystemSession();
            session.Solve(district, subsystem);
            sessions.Add(session);
        }

        Print($"{count} heat-network sessions after their first solve", before, Measure(), count);
        foreach (var session in sessions)
        {
            if (!session.Solve(next, next.Subsystems[0]).Warm) throw new InvalidOperationException("the next cycle was not solved warm");
        }

        Print($"{count} heat-network sessions after a warm re-solve of the next cycle", before, Measure(), count);
        foreach (var session in sessions) session.Dispose();
        var freed = Measure();
        Console.WriteLine($"// SEMS session memory: after disposing them the working set is {(freed.WorkingSet - before.WorkingSet) / 1048576.0:+0.0;-0.0} MB from before" +
            (freed.Native >= 0 ? $", the native heap in use {(freed.Native - before.Native) / 1048576.0:+0.0;-0.0} MB" : ""));

        // Native split: MPSolver's model alone (loaded, never solved), then what GLOP's first solve adds.
        var program = SubsystemModelBuilder.Build(district, subsystem).Program;
        var start = Measure();
        var lps = new List<LpSession>(count);
        for (var k = 0; k < count; k++) lps.Add(LpSession.Open(program, SolverSettings.Default));
        var loaded = Measure();
        foreach (var lp in lps) lp.Solve(readSolution: false);
        var solved = Measure();
        if (start.Native >= 0)
        {
            Console.WriteLine($"// SEMS session memory: native heap per LP session: MPSolver's model {(loaded.Native - start.Native) / 1024.0 / count:0} KB, " +
                $"GLOP's part after a solve {(solved.Native - loaded.Native) / 1024.0 / count:0} KB; managed (OR-Tools' proxies) {(loaded.Managed - start.Managed) / 1024.0 / count:0} KB");
        }

        foreach (var lp in lps) lp.Dispose();
        GC.KeepAlive(sessions);
    }

    private static void Print(string what, Snapshot before, Snapshot after, int count)
    {
        var working = after.WorkingSet - before.WorkingSet;
        var managed = after.Managed - before.Managed;
        var native = before.Native >= 0 ? $", native heap in use +{(after.Native - before.Native) / 1048576.0:0.0} MB" : "";
        var nativeEach = before.Native >= 0 ? $", {(after.Native - before.Native) / 1024.0 / count:0} KB of it native" : "";
        Console.WriteLine($"// SEMS session memory: {what}: working set +{working / 1048576.0:0.0} MB (managed heap +{managed / 1048576.0:0.0} MB{native}): " +
            $"{working / 1024.0 / count:0} KB per session, {managed / 1024.0 / count:0} KB of it managed{nativeEach}");
    }

    private readonly record struct Snapshot(long WorkingSet, long Managed, long Native);

    private static Snapshot Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var native = NativeHeap.InUse();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Snapshot(process.WorkingSet64, managed, native);
    }

    /// <summary>glibc's heap in use (small blocks plus mmapped ones) after returning free pages; −1 where glibc is not the allocator.</summary>
    private static class NativeHeap
    {
        [StructLayout(LayoutKind.Sequential)]
        private struct MallInfo2
        {
            public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
        }

        [DllImport("libc", EntryPoint = "mallinfo2")]
        private static extern MallInfo2 MallInfo();

        [DllImport("libc", EntryPoint = "malloc_trim")]
        private static extern int MallocTrim(nuint pad);

        public static long InUse()
        {
            if (!OperatingSystem.IsLinux()) return -1;
            try
            {
                MallocTrim(0);
                var info = MallInfo();
                return (long)(info.Uordblks + info.Hblkhd);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return -1;
            }
        }
    }
}
