using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems coordinate</c> of two roofs that each sell a 6 kW PV surplus (PV 10 kW, load 4 kW, feed-in 0.05 EUR/kWh,
/// two steps of 1 h) under a substation exportMax of 8 kW. The served subsystems plan with their exports (the file's
/// exports reach them through the definition): each earns 0.05·6·2 = 0.60 EUR, objective −0.60. The served coordinator
/// does not hold exportMax yet, and says so on stderr; the centralised reference does: 8 kW in total, −0.05·8·2 = −0.80.
/// </summary>
public sealed class ExportCoordinateTests
{
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
    public void Served_subsystems_plan_with_their_exports_and_the_reference_holds_the_export_limit()
    {
        using var temp = new TempDirectory();
        var file = temp.File("two-roofs.json");
        File.WriteAllText(file, District);

        var run = CliRun.Invoke("coordinate", file, "--json", "--reference");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("does not hold exportMax", run.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        foreach (var subsystem in root.GetProperty("subsystems").EnumerateArray())
        {
            var result = subsystem.GetProperty("result");
            Assert.Equal(-0.60, result.GetProperty("objective").GetDouble(), 6);
            Assert.Equal(-0.60, result.GetProperty("terms").GetProperty("byFactor").GetProperty("cost").GetDouble(), 6);
        }

        var reference = root.GetProperty("reference");
        Assert.Equal("optimal", reference.GetProperty("status").GetString());
        Assert.Equal(-0.80, reference.GetProperty("objective").GetDouble(), 6);
        Assert.True(reference.GetProperty("limitsHold").GetBoolean());
    }

    [Fact]
    public void A_file_without_exports_gets_no_export_warning()
    {
        var run = CliRun.Invoke("coordinate", Path.Combine(AppContext.BaseDirectory, "examples", "two-subsystems-limit.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("export", run.Stderr, StringComparison.Ordinal);
    }
}
