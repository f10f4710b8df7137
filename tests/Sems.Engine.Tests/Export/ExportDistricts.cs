using System.Globalization;
using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Engine.Tests.Export;

/// <summary>Small district files with exports, written in the contract's JSON and read through the real reader. Steps of 60 min (Δt = 1 h).</summary>
internal static class ExportDistricts
{
    /// <summary>
    /// A building: grid import (electricity → power, η 1, ≤ 20 kW), PV (solar → power, η 1, ≤ 20 kW, available
    /// <paramref name="pvKw"/>), a power load of <paramref name="loadKw"/> and an export of power into the electricity grid, ≤ 20 kW.
    /// </summary>
    public static string PvBuilding(string id, int priority, double[] pvKw, double loadKw, string? node = null) => $$"""
        { "id": "{{id}}", "priority": {{priority}}{{(node is null ? "" : $", \"node\": \"{node}\"")}},
          "resources": { "solar": { "max": {{Array(pvKw)}} } },
          "supplies": [
            { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 20 } ] },
            { "id": "pv", "conversions": [ { "resource": "solar", "energyType": "power", "efficiency": 1, "max": 20 } ] } ],
          "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": {{Number(loadKw)}} } ],
          "exports": [ { "id": "pv-export", "resource": "electricity", "energyType": "power", "max": 20 } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    /// <summary>An EV hub drawing a fixed <paramref name="loadKw"/> from the grid (≤ 50 kW), without exports.</summary>
    public static string EvHub(string id, int priority, double loadKw, string? node = null) => $$"""
        { "id": "{{id}}", "priority": {{priority}}{{(node is null ? "" : $", \"node\": \"{node}\"")}},
          "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 50 } ] } ],
          "demands": [ { "id": "chargers", "kind": "series", "energyType": "power", "values": {{Number(loadKw)}} } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    /// <summary>A district of hourly steps; <paramref name="grid"/> is the file's <c>grid</c> object or null.</summary>
    public static District Read(int steps, string retail, string feedIn, IEnumerable<string> subsystems, string? grid = null)
    {
        var json = $$"""
            { "name": "export-test", "currency": "EUR", "stepMinutes": 60, "horizonSteps": {{steps}},
              "factors": { "cost": { "electricity": {{retail}} } },
              "exportFactors": { "cost": { "electricity": {{feedIn}} } },
              {{(grid is null ? "" : $"\"grid\": {grid},")}}
              "subsystems": [ {{string.Join(",\n", subsystems)}} ] }
            """;
        var read = DistrictReader.Read(json);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        return read.District!;
    }

    public static string Array(IEnumerable<double> values) => $"[{string.Join(", ", values.Select(Number))}]";

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static double[] Round(IReadOnlyList<double> values) => values.Select(v => Math.Round(v, 6) + 0.0).ToArray();
}
