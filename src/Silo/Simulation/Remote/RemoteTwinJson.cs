using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sems.Silo.Simulation.Remote;

/// <summary>
/// A remote twin's run as one JSON object (<c>sems twin --json</c>): the scenario and district, how the run followed the
/// server, and every KPI of <see cref="Kpis"/> under its camelCase name (units in the names), except the coordinator's
/// re-solves, which the API does not show the twin.
/// </summary>
public static class RemoteTwinJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Format(RemoteTwinResult result, Uri server)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(server);
        var kpis = JsonSerializer.SerializeToNode(result.Run.Kpis, Options)!.AsObject();
        kpis.Remove("resolves");
        var steps = result.Run.Steps.Count;
        var json = new JsonObject
        {
            ["scenario"] = result.Run.Scenario.Name,
            ["district"] = result.District,
            ["server"] = server.ToString(),
            ["firstCycle"] = result.FirstCycle,
            ["lastCycle"] = result.FirstCycle + steps - 1,
            ["steps"] = steps,
            ["heldSteps"] = result.HeldSteps,
            ["batchesPushed"] = result.BatchesPushed,
            ["measurementsPushed"] = result.MeasurementsPushed,
            ["measurementsRejected"] = result.MeasurementsRejected,
            ["lastMeterKw"] = result.LastMeterKw,
            ["wallSeconds"] = Math.Round(result.Run.Wall.TotalSeconds, 3),
            ["kpis"] = kpis,
        };
        return json.ToJsonString();
    }
}
