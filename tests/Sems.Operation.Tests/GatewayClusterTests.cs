using System.Globalization;
using System.Net;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sems.Api.V1;
using Sems.Persistence.Tests;
using Xunit.Abstractions;

namespace Sems.Operation.Tests;

/// <summary>
/// The standalone gateway (<c>sems gateway --cluster</c>) in front of a <c>sems serve</c> silo on PostgreSQL, both real
/// processes with one signing key (see <see cref="GatewayCluster"/>), the worked example running a cycle every 5 s.
/// </summary>
/// <remarks>
/// Expected values are derived by hand. The worked example plans 4 steps of 15 min from cycle k's step on; its series
/// repeat (cycle k rotates them by k), so at absolute step j the EV hub draws <see cref="EvKw"/>[j mod 4] of
/// [50, 90, 90, 50] kW and cannot move, and the heat network wants 20 kW (60 kW of heat through the heat pump at COP 3,
/// cheaper than gas) but may drop to 0 kW (the boiler takes the heat). Under a limit L the allowance rule
/// P̄max = max(Pmin, L − (Ptot − Psub)) leaves the heat network min(20, max(0, L − EV)), so the district draws
/// EV + min(20, max(0, L − EV)): under the file's 100 kW, [70, 100, 100, 70] kW rotated by k.
/// </remarks>
[Collection(OperationCollection.Name)]
public sealed class GatewayClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Subject = "dso-north";
    private static readonly double[] EvKw = [50, 90, 90, 50];
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private readonly PostgresDatabase _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task Through_the_standalone_gateway_status_and_an_assessed_limit_follow_the_worked_example_and_the_audit_names_the_subject()
    {
        using var cluster = await GatewayCluster.StartAsync(_postgres);
        var token = await cluster.TokenAsync(Subject, "status.read limits.write");
        using var channel = cluster.Channel(token);
        var grid = new GridConstraints.GridConstraintsClient(channel);

        // GetStatus once cycle 2 or later has run (so the horizon has moved on): the file's 100 kW, the rotated worked example.
        var status = await StatusFromCycleAsync(grid, cluster, 2);
        var k = status.Cycle;
        output.WriteLine($"status of cycle {k}: planned {Kw(status.PlannedImportKw)}, before {Kw(status.PlannedImportBeforeKw)}");
        Assert.Equal(cluster.StepStart(k), status.Start.ToDateTimeOffset());
        Assert.Equal(cluster.StepStart(k), status.CycleStart.ToDateTimeOffset());
        Assert.Equal(GatewayCluster.Step, status.Resolution.ToTimeSpan());
        Assert.Equal("electricity", status.Resource);
        Assert.Equal(0, status.LimitVersion);
        Assert.Equal([100.0, 100, 100, 100], status.LimitKw);
        Assert.Equal(Steps(k, j => Ev(j) + 20), Rounded(status.PlannedImportBeforeKw));
        Assert.Equal(Steps(k, j => After(j, 100)), Rounded(status.PlannedImportKw));
        Assert.Equal(["heat-network", "ev-hub"], status.Subsystems.Select(s => s.Id));
        Assert.Equal(Steps(k, j => After(j, 100) - Ev(j)), Rounded(status.Subsystems[0].PlannedImportKw));
        Assert.Equal(Steps(k, Ev), Rounded(status.Subsystems[1].PlannedImportKw));
        // Two of every four steps draw the full 100 kW: no headroom there, so at risk.
        Assert.Equal(Compliance.AtRisk, status.Compliance);
        Assert.True(status.Running);

        // SetLimit with assess: 30-minute intervals from step k. Some are below the EV hub's 90 kW, and the second (steps
        // k + 2 and k + 3, always inside the assessed horizon) is below its 50 kW: the plan falls short there whatever k is.
        double[] limitKw = [95, 40, 100, 80, 105, 90, 98, 75, 92, 88, 110, 60];
        var request = new SetLimitRequest
        {
            District = GatewayCluster.District,
            Resource = "electricity",
            Start = Timestamp.FromDateTimeOffset(cluster.StepStart(k)),
            Resolution = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
            Reason = "feeder maintenance",
            RequestId = Guid.NewGuid().ToString(),
            Assess = true,
        };
        request.ImportMaxKw.Add(limitKw);
        var response = await grid.SetLimitAsync(request, deadline: DateTime.UtcNow + CallTimeout);
        var a = response.Assessment;
        output.WriteLine($"assessment of cycle {a.PlanCycle}: limit {Kw(a.LimitKw)}, planned {Kw(a.PlannedImportKw)}, shortfall {Kw(a.ShortfallKw)}; {a.Note}");

        Assert.Equal(1, response.Limit.Version);
        Assert.Equal(Subject, response.Limit.SetBy);
        Assert.Equal(LimitState.Active, response.Limit.State);
        var c = a.PlanCycle;
        Assert.True(c >= k, $"the assessing cycle {c} is before the status's cycle {k}");
        var expected = Intervals(k, c, limitKw);
        Assert.Equal(expected.Select(e => limitKw[e.Interval]), a.LimitKw);
        // Per interval the mean of the plan's steps in it; the shortfall and compliance judge that mean, not each step.
        var means = expected.Select(e => e.Steps.Average(j => After(j, limitKw[e.Interval]))).ToList();
        var shortfalls = expected.Select((e, m) => Math.Max(0, means[m] - limitKw[e.Interval])).ToList();
        Assert.Equal(Rounded(means), Rounded(a.PlannedImportKw));
        Assert.Equal(expected.Select(e => Math.Round(e.Steps.Average(Ev), 6)), Rounded(a.MinAchievableImportKw));
        Assert.Equal(Rounded(shortfalls), Rounded(a.ShortfallKw));
        Assert.Equal(shortfalls.Select(x => x <= 1e-6), a.IntervalCompliant);
        Assert.Equal(a.IntervalCompliant.All(x => x), a.Compliant);
        Assert.False(a.Compliant);
        Assert.Equal(limitKw.Length - expected.Count, a.IntervalsBeyondHorizon);
        Assert.Equal(request.Start, a.Start);

        // The status after it plans with version 1; on the steps it shares with the assessed plan its draw has the
        // assessment's interval means.
        var after = await grid.GetStatusAsync(new GetStatusRequest { District = GatewayCluster.District }, deadline: DateTime.UtcNow + CallTimeout);
        var c2 = after.Cycle;
        output.WriteLine($"status of cycle {c2}: limit {Kw(after.LimitKw)}, planned {Kw(after.PlannedImportKw)}");
        Assert.True(c2 >= c, $"the status's cycle {c2} is before the assessing cycle {c}");
        Assert.Equal(1, after.LimitVersion);
        Assert.Equal(Steps(c2, j => limitKw[(j - k) / 2]), after.LimitKw);
        Assert.Equal(Steps(c2, j => After(j, limitKw[(j - k) / 2])), Rounded(after.PlannedImportKw));
        var compared = 0;
        for (var m = 0; m < expected.Count; m++)
        {
            if (!expected[m].Steps.All(j => j >= c2 && j < c2 + 4)) continue;
            var mean = expected[m].Steps.Average(j => after.PlannedImportKw[(int)(j - c2)]);
            Assert.Equal(Math.Round(a.PlannedImportKw[m], 6), Math.Round(mean, 6));
            compared++;
        }

        Assert.True(compared > 0, $"the status (cycle {c2}) shares no whole interval with the assessed plan (cycle {c})");

        // The audit entry the gateway wrote to the cluster's database names the token's subject.
        var audit = await AuditEntryAsync(cluster, request.RequestId);
        Assert.Equal("audit", audit.GetProperty("kind").GetString());
        Assert.Equal(GatewayCluster.District, audit.GetProperty("district").GetString());
        Assert.Equal(Subject, audit.GetProperty("principal").GetString());
        Assert.Equal(1, audit.GetProperty("version").GetInt64());
        Assert.StartsWith($"electricity from {cluster.StepStart(k).ToString("O", CultureInfo.InvariantCulture)}, 12 × 30 min, max 110 kW",
            audit.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standalone_gateways_healthz_is_healthy_while_the_silo_runs_and_unhealthy_soon_after_it_is_killed()
    {
        using var cluster = await GatewayCluster.StartAsync(_postgres);
        using var http = new HttpClient { BaseAddress = cluster.GatewayHttp, Timeout = TimeSpan.FromSeconds(15) };

        var (code, body) = await HealthAsync(http);
        Assert.True(code == HttpStatusCode.OK, $"{(int)code} {body}\n{cluster.Describe()}");
        Assert.Equal("Healthy", body);

        cluster.Silo.KillHard();
        var killed = DateTime.UtcNow;
        // ClusterHealthCheck asks the cluster's directory grain with a 5 s timeout; the only silo is gone, so it cannot answer.
        var deadline = killed + TimeSpan.FromSeconds(20);
        while (true)
        {
            (code, body) = await HealthAsync(http);
            if (code != HttpStatusCode.OK || DateTime.UtcNow > deadline) break;
            await Task.Delay(500);
        }

        output.WriteLine($"/healthz after the kill: {(int)code} {body} after {(DateTime.UtcNow - killed).TotalSeconds:0.0} s");
        Assert.True(code == HttpStatusCode.ServiceUnavailable, $"/healthz still {(int)code} {body} 20 s after the silo was killed\n{cluster.Describe()}");
        Assert.Equal("Unhealthy", body);
        Assert.False(cluster.Gateway.HasExited, $"the gateway exited:\n{cluster.Describe()}");
    }

    /// <summary>The EV hub's draw at absolute step <paramref name="j"/>, kW.</summary>
    private static double Ev(long j) => EvKw[(int)(((j % 4) + 4) % 4)];

    /// <summary>The district's draw at step <paramref name="j"/> after coordination under <paramref name="limitKw"/>, kW.</summary>
    private static double After(long j, double limitKw) => Ev(j) + Math.Min(20, Math.Max(0, limitKw - Ev(j)));

    /// <summary>The 4 steps of cycle <paramref name="cycle"/>'s horizon, each through <paramref name="value"/>.</summary>
    private static double[] Steps(long cycle, Func<long, double> value) => Enumerable.Range(0, 4).Select(i => Math.Round(value(cycle + i), 6)).ToArray();

    /// <summary>
    /// The profile's intervals (30 min from step <paramref name="profileStep"/>: steps profileStep + 2m and + 2m + 1) that
    /// cycle <paramref name="cycle"/>'s plan reaches, in order, with the plan's steps in each.
    /// </summary>
    private static List<(int Interval, List<long> Steps)> Intervals(long profileStep, long cycle, double[] limitKw) =>
        Enumerable.Range(0, 4).Select(i => cycle + i)
            .Where(j => j >= profileStep && j < profileStep + 2 * limitKw.Length)
            .GroupBy(j => (int)((j - profileStep) / 2))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.ToList()))
            .ToList();

    private static double[] Rounded(IEnumerable<double> values) => values.Select(v => Math.Round(v, 6)).ToArray();

    private static string Kw(IEnumerable<double> values) => $"[{string.Join(", ", values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))}] kW";

    /// <summary>
    /// GetStatus until it reports cycle <paramref name="cycle"/> or later (FAILED_PRECONDITION before the first cycle),
    /// at most 2 minutes.
    /// </summary>
    private static async Task<GridStatus> StatusFromCycleAsync(GridConstraints.GridConstraintsClient grid, GatewayCluster cluster, long cycle)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                var status = await grid.GetStatusAsync(new GetStatusRequest { District = GatewayCluster.District }, deadline: DateTime.UtcNow + CallTimeout);
                if (status.Cycle >= cycle) return status;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"the status is still of cycle {status.Cycle} after 2 minutes\n{cluster.Describe()}");
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                // no cycle yet, or the gateway is still finding the silo
            }
            catch (RpcException e)
            {
                throw new InvalidOperationException($"GetStatus through the gateway failed: {e.Status}\n{cluster.Describe()}", e);
            }

            await Task.Delay(500);
        }
    }

    /// <summary>
    /// <c>sems history --kind audit --json</c> until it lists the limit.set entry of <paramref name="requestId"/> (the
    /// gateway's history writer batches), at most a minute.
    /// </summary>
    private static async Task<JsonElement> AuditEntryAsync(GatewayCluster cluster, string requestId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var (exit, text) = await SemsProcess.RunAsync(TimeSpan.FromMinutes(1), "history", "--connection", cluster.Postgres.ConnectionString,
                "--district", GatewayCluster.District, "--kind", "audit", "--json");
            Assert.True(exit == 0, text);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')))
            {
                using var entry = JsonDocument.Parse(line);
                if (entry.RootElement.GetProperty("action").GetString() == "limit.set" && entry.RootElement.GetProperty("requestId").GetString() == requestId)
                    return entry.RootElement.Clone();
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no limit.set audit entry for request {requestId} within a minute; sems history printed:\n{text}\n{cluster.Describe()}");
            await Task.Delay(1000);
        }
    }

    private static async Task<(HttpStatusCode Code, string Body)> HealthAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, $"no answer: {e.Message}");
        }
    }
}
