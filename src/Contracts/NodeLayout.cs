namespace Sems.Contracts;

/// <summary>The part of a district's coordination hierarchy one node coordinator covers: its own subsystems and its child nodes' layouts.</summary>
/// <param name="Key">The node coordinator's key below the district ("feeder-a", or "feeder-a~2" for a group of a large node).</param>
/// <param name="Subsystems">Ids of the subsystems connected directly to it.</param>
/// <param name="Children">Its child nodes (and groups), each planned in parallel.</param>
[GenerateSerializer, Immutable, Alias("sems.NodeLayout")]
public sealed record NodeLayout(
    [property: Id(0)] string Key,
    [property: Id(1)] string[] Subsystems,
    [property: Id(2)] NodeLayout[] Children)
{
    /// <summary>Every subsystem id in the subtree, depth first.</summary>
    public IEnumerable<string> AllSubsystems() => Subsystems.Concat(Children.SelectMany(c => c.AllSubsystems()));
}
