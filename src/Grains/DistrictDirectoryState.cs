namespace Sems.Grains;

/// <summary>Persisted names of the districts the cluster runs.</summary>
[GenerateSerializer, Alias("sems.DistrictDirectoryState")]
public sealed class DistrictDirectoryState
{
    [Id(0)] public SortedSet<string> Districts { get; set; } = new(StringComparer.Ordinal);
}
