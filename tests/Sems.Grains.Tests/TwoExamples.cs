using System.Globalization;
using System.Text.Json.Nodes;

namespace Sems.Grains.Tests;

/// <summary>The heat-network and EV/PV-hub examples joined into one district with an electricity limit.</summary>
public static class TwoExamples
{
    public static string HeatNetworkAndEvHub(double limitKw)
    {
        var heat = JsonNode.Parse(Districts.Example("heat-network.json"))!.AsObject();
        var ev = JsonNode.Parse(Districts.Example("ev-pv-hub.json"))!.AsObject();
        var evSubsystem = ev["subsystems"]![0]!.DeepClone().AsObject();
        evSubsystem["priority"] = 2;
        heat["subsystems"]!.AsArray().Add(evSubsystem);
        foreach (var (factor, resources) in ev["factors"]!.AsObject())
        {
            foreach (var (resource, series) in resources!.AsObject())
                heat["factors"]![factor]![resource] ??= series!.DeepClone();
        }

        heat["districtLimits"] = new JsonObject { ["electricity"] = limitKw };
        heat["name"] = "heat-network-and-ev-hub";
        heat["title"] = string.Create(CultureInfo.InvariantCulture, $"heat network and EV hub under {limitKw} kW");
        return heat.ToJsonString();
    }

    /// <summary>
    /// The worked example's two subsystems repeated <paramref name="copies"/> times (priorities 1…2·copies), with the
    /// limit scaled to copies × 100 kW.
    /// </summary>
    public static string ManyWorkedExamples(int copies)
    {
        var district = Districts.WorkedExample();
        var originals = district["subsystems"]!.AsArray().Select(s => s!.DeepClone().AsObject()).ToList();
        var all = new JsonArray();
        for (var k = 0; k < copies; k++)
        {
            for (var s = 0; s < originals.Count; s++)
            {
                var copy = originals[s].DeepClone().AsObject();
                copy["id"] = $"{originals[s]["id"]}-{k}";
                copy["priority"] = k * originals.Count + s + 1;
                all.Add(copy);
            }
        }

        district["subsystems"] = all;
        district["districtLimits"] = new JsonObject { ["electricity"] = copies * 100.0 };
        return district.ToJsonString();
    }
}
