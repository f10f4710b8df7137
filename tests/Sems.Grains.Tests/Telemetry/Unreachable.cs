using System.Text.Json.Nodes;

namespace Sems.Grains.Tests.Telemetry;

/// <summary>
/// The worked example with the heat network's electricity Pmin at 15 kW: both subsystems are re-solved (the heat
/// network to [20, 15, 15, 20] kW, then the EV hub, whose 90 kW demand cannot fit under 85 kW and refuses), so 5 kW
/// over the 100 kW limit remain at steps 1–2: 2 · 5 kW · 0.25 h = 2.5 kWh after coordination.
/// </summary>
public static class Unreachable
{
    public const double ViolationAfterKwh = 2 * 5 * 0.25;

    public static string District() =>
        Districts.With(d => Districts.Subsystem(d, 0)["resources"] = JsonNode.Parse("""{ "electricity": { "min": 15, "max": 30 } }"""));
}
