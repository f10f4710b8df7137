using System.Text.Json.Nodes;

namespace Sems.Grains.Tests;

/// <summary>District files for the actor tests, derived from the worked example in examples/two-subsystems-limit.json.</summary>
public static class Districts
{
    public static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name));

    /// <summary>
    /// The worked example: heat network (priority 1: heat pump COP 3 ≤ 30 kW, boiler) at 60 kW heat, EV hub (priority 2)
    /// drawing [50, 90, 90, 50] kW, electricity limit 100 kW. Ptot = [70, 110, 110, 70].
    /// </summary>
    public static JsonObject WorkedExample() => JsonNode.Parse(Example("two-subsystems-limit.json"))!.AsObject();

    public static string With(Action<JsonObject> change)
    {
        var district = WorkedExample();
        change(district);
        return district.ToJsonString();
    }

    public static JsonObject Subsystem(JsonObject district, int index) => district["subsystems"]![index]!.AsObject();
}
