using Sems.Engine.Market;

namespace Sems.Grains.Market;

/// <summary>The engine's prosumer MILP as a prosumer grain's scheduler.</summary>
public sealed class ProsumerMilpScheduler : IProsumerScheduler
{
    public static ProsumerMilpScheduler Instance { get; } = new();

    public ProsumerReply Solve(Prosumer prosumer, double stepHours, ProsumerRequest request)
    {
        ArgumentNullException.ThrowIfNull(prosumer);
        ArgumentNullException.ThrowIfNull(request);
        return new ProsumerReply(prosumer.Id, null, "the prosumer solver is not built in yet");
    }
}
