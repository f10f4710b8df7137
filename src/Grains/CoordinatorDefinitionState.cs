using Sems.Contracts.Definitions;

namespace Sems.Grains;

/// <summary>The district definition a coordinator uses, written once per version: its shared fields, file limits and subsystems.</summary>
[GenerateSerializer, Alias("sems.CoordinatorDefinitionState")]
public sealed class CoordinatorDefinitionState
{
    [Id(0)] public DefinitionVersion? Version { get; set; }

    [Id(1)] public DistrictShared? Shared { get; set; }

    /// <summary>The file's district limits: resource → Plim per step of the horizon of cycle 0, kW (periodic).</summary>
    [Id(2)] public Dictionary<string, double[]> Limits { get; set; } = [];

    /// <summary>Subsystems in file order.</summary>
    [Id(3)] public List<SubsystemEntry> Subsystems { get; set; } = [];

    /// <summary>
    /// The grid's nodes, root first and parents before children, each with its file limits (periodic like
    /// <see cref="Limits"/>); the root's are in <see cref="Limits"/>. Empty for a definition stored before the grid
    /// topology: then one root named after the district.
    /// </summary>
    [Id(4)] public List<GridNodeDefinition> Grid { get; set; } = [];

    /// <summary>The file's coordination object; null: priority (Algorithm 1).</summary>
    [Id(5)] public CoordinationDefinition? Coordination { get; set; }
}
