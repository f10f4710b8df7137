using System.Text.Json;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems coordinate</c> of two roofs that each sell a 6 kW PV surplus (PV 10 kW, load 4 kW, feed-in 0.05 EUR/kWh,
/// two steps of 1 h) under a substation exportMax of 8 kW. On their own they feed back 6 + 6 = 12 kW, 4 kW over. The
/// served coordinator runs the capped Algorithm 1: roof-a (priority 1) is capped at 8 − 6 = 2 kW, roof-b keeps 6 kW,
/// and the substation feeds back 8 kW. By hand: roof-a earns 0.05·2·2 = 0.20 EUR (objective −0.20), roof-b
/// 0.05·6·2 = 0.60 (−0.60), −0.80 in all, which is also the centralised reference's optimum (8 kW sold per step).
/// </summary>
public sealed class ExportCoordinateTests
{
    private const double Tol = 1e-6;

    private static string Roof(string id, int priority) => $$"""
        { "id": "{{id}}", "priority": {{priority}}, "resources": { "solar": { "max": 10 } },
          "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 20 } ] },
                        { "id": "pv", "conversions": [ { "resource": "solar", "energyType": "power", "efficiency": 1, "max": 20 } ] } ],
          "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": 4 } ],
          "exports": [ { "id": "pv-export", "resource": "electricity", "energyType": "power", "max": 20 } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    private static readonly string District = $$"""
        { "name": "two-roofs", "currency": "EUR", "stepMinutes": 60, "horizonSteps": 2,
          "factors": { "cost": { "electricity": 0.20 } }, "exportFactors": { "cost": { "electricity": 0.05 } },
          "grid": { "nodes": [ { "id": "substation", "limits": { "electricity": { "exportMax": 8 } } } ] },
          "subsystems": [ {{Roof("roof-a", 1)}}, {{Roof("roof-b", 2)}} ] }
        """;

    [Fact]
    public async Task The_served_coordinator_holds_the_export_limit_as_the_engine_and_the_reference_do()
    {
        using var temp = new TempDirectory();
        var file = temp.File("two-roofs.json");
        File.WriteAllText(file, District);

        var run = CliRun.Invoke("coordinate", file, "--json", "--reference");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("export", run.Stderr, StringComparison.Ordinal); // no warning any more
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        var subsystems = root.GetProperty("subsystems").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);

        // What the substation feeds back, summed from the subsystems' own results: at most exportMax at every step.
        var fedBack = new double[2];
        foreach (var s in subsystems.Values)
        {
            var exportKw = s.GetProperty("result").GetProperty("exportKw").GetProperty("electricity").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (var i = 0; i < 2; i++) fedBack[i] += exportKw[i];
        }

        Assert.All(fedBack, kw => Assert.True(kw <= 8 + Tol, $"{kw} kW fed back above the 8 kW exportMax"));
        Assert.Equal([8.0, 8], fedBack.Select(v => Math.Round(v, 6)));

        // By hand: roof-a capped at 2 kW, net draw −2 kW; roof-b untouched at 6 kW.
        var a = subsystems["roof-a"];
        Assert.Equal([2.0, 2], Series(a.GetProperty("tightenedExportMax"), "electricity"));
        Assert.Equal([-2.0, -2], Series(a.GetProperty("result").GetProperty("netDrawKw"), "electricity"));
        Assert.Equal(-0.20, a.GetProperty("result").GetProperty("objective").GetDouble(), 6);
        Assert.Equal(0.20, a.GetProperty("result").GetProperty("terms").GetProperty("exportByFactor").GetProperty("cost").GetDouble(), 6);
        Assert.Equal([6.0, 6], Series(subsystems["roof-b"].GetProperty("result").GetProperty("exportKw"), "electricity"));
        Assert.False(subsystems["roof-b"].TryGetProperty("tightenedExportMax", out _));

        // The node's export fields, as the engine's report has them.
        var node = root.GetProperty("nodes").GetProperty("substation").GetProperty("electricity");
        Assert.Equal(JsonValueKind.Null, node.GetProperty("limit").ValueKind);
        Assert.Equal([8.0, 8], Array(node.GetProperty("exportLimit")));
        Assert.Equal([-12.0, -12], Array(node.GetProperty("drawBefore")));
        Assert.Equal([-8.0, -8], Array(node.GetProperty("draw")));
        Assert.Equal([4.0, 4], Array(node.GetProperty("exportExcessBefore")));
        Assert.Equal([0.0, 0], Array(node.GetProperty("exportExcessAfter")));
        Assert.Equal(8.0, node.GetProperty("exportViolationKwh").GetProperty("before").GetDouble(), 6); // 4 kW · 2 h
        Assert.Equal(0.0, node.GetProperty("exportViolationKwh").GetProperty("after").GetDouble(), 6);

        // An independent path: the engine's Algorithm 1 over the solver in process (LocalCoordinator, RunCappedAsync).
        var engine = await LocalCoordinator.RunAsync(DistrictReader.Read(District).District!);
        Assert.True(engine.Report.LimitsHold);
        foreach (var plan in engine.Final)
        {
            var served = subsystems[plan.Id].GetProperty("result");
            Assert.Equal(plan.ExportKw["electricity"].Select(v => Math.Round(v, 5)), Series(served.GetProperty("exportKw"), "electricity").Select(v => Math.Round(v, 5)));
            Assert.Equal(plan.Objective, served.GetProperty("objective").GetDouble(), 5);
        }

        // And the centralised reference (one joint LP under the export row): feasible, the same optimum −0.80.
        var reference = root.GetProperty("reference");
        Assert.Equal("optimal", reference.GetProperty("status").GetString());
        Assert.True(reference.GetProperty("limitsHold").GetBoolean());
        Assert.Equal(-0.80, reference.GetProperty("objective").GetDouble(), 6);
        Assert.Equal(-0.80, root.GetProperty("objective").GetDouble(), 6);
    }

    [Fact]
    public void The_table_shows_the_export_limit_and_the_cap_it_set()
    {
        using var temp = new TempDirectory();
        var file = temp.File("two-roofs.json");
        File.WriteAllText(file, District);

        var run = CliRun.Invoke("coordinate", file);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        var node = Assert.Single(lines, l => l.TrimStart().StartsWith("substation", StringComparison.Ordinal));
        // exportMax 8 kW; 12 kW fed back at peak before, 8 kW after; 4 kW · 2 h = 8 kWh over before, none after.
        Assert.Equal(["substation", "electricity", "8.0–8.0", "12.0", "8.0", "8.00", "0.00"], node.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Single(lines, l => l.Trim() == "export cap: electricity 2.0–2.0 kW");
    }

    [Fact]
    public void A_file_without_exports_gets_no_export_fields_in_its_nodes()
    {
        var run = CliRun.Invoke("coordinate", Path.Combine(AppContext.BaseDirectory, "examples", "two-subsystems-limit.json"), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("export", run.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.Stdout);
        foreach (var node in document.RootElement.GetProperty("nodes").EnumerateObject())
        {
            foreach (var resource in node.Value.EnumerateObject()) Assert.False(resource.Value.TryGetProperty("exportLimit", out _));
        }

        foreach (var s in document.RootElement.GetProperty("subsystems").EnumerateArray())
        {
            var result = s.GetProperty("result");
            Assert.Empty(result.GetProperty("exportKw").EnumerateObject());
            // Without exports the net draw is the draw.
            foreach (var draw in result.GetProperty("draw").EnumerateObject())
                Assert.Equal(Array(draw.Value), Array(result.GetProperty("netDrawKw").GetProperty(draw.Name)));
        }
    }

    private static double[] Series(JsonElement series, string resource) => Array(series.GetProperty(resource));

    private static double[] Array(JsonElement values) => values.EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6) + 0.0).ToArray();
}
