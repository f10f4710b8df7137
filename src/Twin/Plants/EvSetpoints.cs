namespace Sems.Twin.Plants;

/// <summary>Charging postponed (kW) and postponed charging served now (kW) for one step.</summary>
public sealed record EvSetpoints(double DelayKw, double CatchUpKw)
{
    public static EvSetpoints None { get; } = new(0, 0);
}
