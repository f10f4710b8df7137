using System.Globalization;
using Sems.Persistence.Tests;

namespace Sems.Operation.Tests;

/// <summary>
/// A cluster of real <c>sems serve</c> processes on one PostgreSQL database (ADO.NET clustering, storage, reminders,
/// history), all on the same scaled clock: SEMS time starts at <see cref="Start"/> at that same real instant and runs
/// <see cref="Scale"/>× as fast, so a 15-minute step takes 15·60/Scale seconds of real time.
/// </summary>
public sealed class ClusterRun : IDisposable
{
    /// <summary>The key <c>sems serve</c> runs the district under: the district file's <c>name</c> (see <see cref="LargeDistrict"/>).</summary>
    public const string District = "cluster-test";

    private readonly List<SemsProcess> _silos = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("sems-cluster-").FullName;

    public ClusterRun(PostgresDatabase postgres, int pairs, double scale)
    {
        Postgres = postgres;
        Scale = scale;
        File = Path.Combine(_folder, "district.json");
        System.IO.File.WriteAllText(File, LargeDistrict.Json(pairs));
        Assets = pairs * LargeDistrict.SetpointAssetsPerPair;
        var now = DateTimeOffset.UtcNow;
        Start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public PostgresDatabase Postgres { get; }

    public string File { get; }

    public double Scale { get; }

    public DateTimeOffset Start { get; }

    /// <summary>Assets that get a set-point every cycle.</summary>
    public int Assets { get; }

    public TimeSpan RealStep => TimeSpan.FromMinutes(15) / Scale;

    public IReadOnlyList<SemsProcess> Silos => _silos;

    public async Task MigrateAsync()
    {
        var (exit, output) = await SemsProcess.RunAsync(TimeSpan.FromMinutes(2), "db", "init", "--connection", Postgres.ConnectionString);
        Assert.True(exit == 0, output);
    }

    public async Task<SemsProcess> StartSiloAsync()
    {
        var silo = SemsProcess.Start("serve", File, "--connection", Postgres.ConnectionString,
            "--time-scale", Scale.ToString(CultureInfo.InvariantCulture),
            "--start", Start.ToString("O", CultureInfo.InvariantCulture), "--clock-origin", Start.ToString("O", CultureInfo.InvariantCulture),
            "--silo-port", SemsProcess.FreePort().ToString(CultureInfo.InvariantCulture), "--gateway-port", SemsProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            "--insecure-dev", "--grpc-port", "0", "--http-port", "0");
        _silos.Add(silo);
        await silo.WaitForLineAsync("sems: serving", TimeSpan.FromMinutes(3));
        return silo;
    }

    /// <summary>The cycle the shared clock is in now.</summary>
    public int ClockCycle => (int)Math.Floor((DateTimeOffset.UtcNow - Start) / RealStep);

    /// <summary>The highest cycle with a completed (not missed) report in the history, or -1.</summary>
    public async Task<int> LastCompletedCycleAsync() =>
        await Postgres.ScalarAsync<int>(Postgres.ConnectionString, $"SELECT coalesce(max(cycle), -1) FROM history_report WHERE district = '{District}' AND NOT missed");

    public async Task WaitForCycleAsync(int cycle, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await LastCompletedCycleAsync() < cycle)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no completed cycle {cycle} within {timeout} (last {await LastCompletedCycleAsync()}); silo output:\n{string.Join("\n---\n", _silos.Select(s => s.Tail(25)))}");
            await Task.Delay(250);
        }
    }

    /// <summary>Per cycle: (completed reports, missed reports, set-point rows, distinct assets with a set-point).</summary>
    public async Task<SortedDictionary<int, (int Reports, int Missed, int Setpoints, int Assets)>> CyclesAsync()
    {
        var rows = await Postgres.ColumnAsync(Postgres.ConnectionString, $"""
            WITH c AS (SELECT cycle FROM history_report WHERE district = '{District}' UNION SELECT cycle FROM history_setpoint WHERE district = '{District}')
            SELECT c.cycle || ' ' ||
                   (SELECT count(*) FROM history_report r WHERE r.district = '{District}' AND r.cycle = c.cycle AND NOT r.missed) || ' ' ||
                   (SELECT count(*) FROM history_report r WHERE r.district = '{District}' AND r.cycle = c.cycle AND r.missed) || ' ' ||
                   (SELECT count(*) FROM history_setpoint s WHERE s.district = '{District}' AND s.cycle = c.cycle) || ' ' ||
                   (SELECT count(DISTINCT (s.subsystem, s.asset)) FROM history_setpoint s WHERE s.district = '{District}' AND s.cycle = c.cycle)
            FROM c ORDER BY c.cycle
            """);
        var cycles = new SortedDictionary<int, (int, int, int, int)>();
        foreach (var row in rows)
        {
            var f = row.Split(' ').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            cycles[f[0]] = (f[1], f[2], f[3], f[4]);
        }

        return cycles;
    }

    public static string Describe(SortedDictionary<int, (int Reports, int Missed, int Setpoints, int Assets)> cycles) =>
        string.Join("\n", cycles.Select(c => $"cycle {c.Key}: {c.Value.Reports} report(s), {c.Value.Missed} missed, {c.Value.Setpoints} set-points on {c.Value.Assets} assets"));

    public void Dispose()
    {
        foreach (var silo in _silos) silo.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a process may still hold a file for a moment; the folder is under the temp directory
        }
    }
}
