using System.Diagnostics;
using Sems.Engine.Mpc;

namespace Sems.Bench;

/// <summary>
/// Side experiment (<c>--session-memory</c>): the memory of open heat-network sessions, native (GLOP's model, basis and
/// factorisation) and managed together, as the process working set before and after opening 200 of them (each solved
/// once), with the managed heap's share from the GC.
/// </summary>
internal static class SessionMemory
{
    public static void Run(int count = 200)
    {
        var district = Examples.Load(Examples.HeatNetwork);
        var subsystem = Examples.Subsystem(district);
        using (var warmup = new SubsystemSession()) warmup.Solve(district, subsystem);
        var (workingBefore, managedBefore) = Measure();
        var sessions = new List<SubsystemSession>(count);
        for (var k = 0; k < count; k++)
        {
            var session = new SubsystemSession();
            session.Solve(district, subsystem);
            sessions.Add(session);
        }

        var (workingAfter, managedAfter) = Measure();
        Console.WriteLine($"// SEMS session memory: {count} heat-network sessions, working set +{(workingAfter - workingBefore) / 1048576.0:0.0} MB " +
            $"(managed heap +{(managedAfter - managedBefore) / 1048576.0:0.0} MB): {(workingAfter - workingBefore) / 1024.0 / count:0} KB per session, " +
            $"{(managedAfter - managedBefore) / 1024.0 / count:0} KB of it managed");
        foreach (var session in sessions) session.Dispose();
        var (workingFreed, _) = Measure();
        Console.WriteLine($"// SEMS session memory: after disposing them the working set is {(workingFreed - workingBefore) / 1048576.0:+0.0;-0.0} MB from before");
    }

    private static (long WorkingSet, long Managed) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }
}
