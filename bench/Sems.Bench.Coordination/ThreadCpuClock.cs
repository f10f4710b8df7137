using System.Runtime.InteropServices;

namespace Sems.Bench.Coordination;

/// <summary>
/// The CPU time the calling OS thread has used (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanosecond
/// resolution): unlike wall time it does not grow while other processes hold the cores.
/// </summary>
public static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    /// <summary>The thread's CPU time so far, ms; NaN where the clock is not available.</summary>
    public static double NowMs()
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        return ClockGetTime(ThreadCpuTimeId, out var time) == 0 ? time.Seconds * 1000.0 + time.Nanoseconds / 1e6 : double.NaN;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
