using Sems.Contracts.Status;

namespace Sems.Grains;

/// <summary>Persisted state of a district's status grain: the sequence, the meter readings and 24 h of committed violations.</summary>
[GenerateSerializer, Alias("sems.DistrictStatusState")]
public sealed class DistrictStatusState
{
    /// <summary>The newest sequence published; the next event gets one more, also after a restart.</summary>
    [Id(0)] public ulong Sequence { get; set; }

    [Id(1)] public Dictionary<string, MeterReading> Meters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per cycle of the last 24 h: its first step's start and violation per resource (kWh).</summary>
    [Id(2)] public List<CycleNotice> RecentCycles { get; set; } = [];
}
