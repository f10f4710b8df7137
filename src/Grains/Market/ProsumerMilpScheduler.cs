using Sems.Engine.Market;

namespace Sems.Grains.Market;

/// <summary>The engine's prosumer MILP (<see cref="ProsumerSolver"/>, LP relaxation first) as a prosumer grain's scheduler.</summary>
public sealed class ProsumerMilpScheduler : IProsumerScheduler
{
    public static ProsumerMilpScheduler Instance { get; } = new();

    public ProsumerReply Solve(Prosumer prosumer, double stepHours, ProsumerRequest request)
    {
        ArgumentNullException.ThrowIfNull(prosumer);
        ArgumentNullException.ThrowIfNull(request);
        var solution = ProsumerSolver.Solve(prosumer, stepHours, request);
        return new ProsumerReply(prosumer.Id, solution.Schedule, solution.Schedule is null ? solution.Problem ?? "no schedule" : null);
    }
}
