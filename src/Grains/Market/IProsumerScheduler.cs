using Sems.Engine.Market;

namespace Sems.Grains.Market;

/// <summary>
/// What a prosumer grain solves with: one prosumer's least-cost schedule at a request's prices. The silo's default is
/// the engine's prosumer MILP (<see cref="ProsumerMilpScheduler"/>); tests register another. Runs on the solver pool's
/// threads, so it must be thread-safe and must not call grains.
/// </summary>
public interface IProsumerScheduler
{
    /// <summary>The schedule, or a reply naming why there is none; an <see cref="ArgumentException"/> is turned into such a reply by the grain.</summary>
    ProsumerReply Solve(Prosumer prosumer, double stepHours, ProsumerRequest request);
}
