using Sems.Contracts;

namespace Sems.Grains;

/// <summary>Persisted state of an asset grain.</summary>
[GenerateSerializer, Alias("sems.AssetState")]
public sealed class AssetState
{
    [Id(0)] public AssetDefinition? Definition { get; set; }

    [Id(1)] public Measurement? Latest { get; set; }

    [Id(2)] public AssetSetpoint? Setpoint { get; set; }

    [Id(3)] public int Accepted { get; set; }

    [Id(4)] public Dictionary<string, int> Rejected { get; set; } = [];
}
