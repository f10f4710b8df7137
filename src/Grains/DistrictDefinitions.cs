using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sems.Contracts;
using Sems.Contracts.Definitions;
using Sems.Engine.Districts;
using Sems.Engine.Json;
using Sems.Engine.Model;

namespace Sems.Grains;

/// <summary>
/// From a district file to the typed <see cref="DistrictDefinition"/> the coordinator takes: the file is read and
/// validated where it is loaded (the CLI, the co-simulation), so no JSON text crosses the wire or lands in grain state.
/// </summary>
public static class DistrictDefinitions
{
    /// <summary>Reads the district file, then applies it to the coordinator; returns every problem (empty when accepted).</summary>
    public static Task<string[]> Configure(this IDistrictCoordinatorGrain coordinator, string districtJson, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(districtJson);
        var read = DistrictReader.Read(districtJson);
        if (!read.IsValid) return Task.FromResult(read.Errors.Select(e => e.ToString()).ToArray());
        return coordinator.Configure(FromDistrict(read.District!, ContentHash(districtJson)), start);
    }

    public static DistrictDefinition FromDistrict(District district, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(district);
        return new DistrictDefinition(
            DefinitionMapper.Shared(district),
            district.Subsystems.Select(DefinitionMapper.ToWire).ToArray(),
            district.DistrictLimits.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal),
            contentHash)
        {
            Grid = IsImplicit(district) ? [] : district.Grid.Nodes.Select(DefinitionMapper.ToWire).ToArray(),
            Coordination = DefinitionMapper.ToWire(district.Coordination),
        };
    }

    /// <summary>Whether the district's grid is the one a file without <c>grid</c> has: one root named after the district holding the district limits.</summary>
    private static bool IsImplicit(District district)
    {
        var grid = district.Grid;
        if (grid.Nodes.Count != 1 || grid.Root.Id != district.Name || grid.Root.ExportMaxKw.Count > 0 || grid.Root.ImportMaxKw.Count != district.DistrictLimits.Count) return false;
        return grid.Root.ImportMaxKw.All(l => district.DistrictLimits.TryGetValue(l.Key, out var limit) && limit.Equals(l.Value));
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the file's text: what tells a re-applied file from a changed one.</summary>
    public static string ContentHash(string districtJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(districtJson)))[..16];

    /// <summary>
    /// What the coordinator checks of a definition it receives, as any server checks what a client sends: the structure
    /// the reader guarantees (ids, unique priorities, the horizon, the limits' lengths and values).
    /// </summary>
    public static IReadOnlyList<string> Problems(DistrictDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        var steps = definition.Shared.HorizonSteps;
        if (steps is < 1 or > DistrictReader.MaxHorizonSteps) problems.Add(string.Create(CultureInfo.InvariantCulture, $"horizonSteps: {steps} is not in [1, {DistrictReader.MaxHorizonSteps}]"));
        if (definition.Subsystems.Length == 0) problems.Add("subsystems: an empty array has no subsystem");
        foreach (var id in definition.Subsystems.Select(s => s.Id).Where(id => !Identifier.IsValid(id))) problems.Add($"subsystems.id: \"{id}\" {Identifier.Rule}");
        foreach (var id in definition.Subsystems.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)) problems.Add($"subsystems.id: \"{id.Key}\" is given {id.Count()} times");
        foreach (var priority in definition.Subsystems.GroupBy(s => s.Priority).Where(g => g.Count() > 1 || g.Key < 1)) problems.Add(string.Create(CultureInfo.InvariantCulture, $"subsystems.priority: {priority.Key} is not a unique priority ≥ 1"));
        foreach (var (resource, values) in definition.LimitsKw) CheckLimit($"districtLimits.{resource}", values, steps, problems);
        GridProblems(definition, steps, problems);
        if (definition.Coordination is { } coordination)
        {
            if (coordination.Mode is not ("priority" or "economic")) problems.Add($"coordination.mode: {JsonCursor.Quote(coordination.Mode ?? "")} is not one of \"priority\", \"economic\"");
            if (coordination.MaxRounds is < 1 or > 100) problems.Add(string.Create(CultureInfo.InvariantCulture, $"coordination.maxRounds: {coordination.MaxRounds} is not a whole number in [1, 100]"));
        }

        return problems;
    }

    /// <summary>The tree rules of the district file (<see cref="GridTreeRules"/>), the nodes' limits, and that every subsystem's node is a node.</summary>
    private static void GridProblems(DistrictDefinition definition, int steps, List<string> problems)
    {
        var grid = definition.Grid;
        for (var k = 0; k < grid.Length; k++)
        {
            var path = $"grid.nodes[{k}]";
            if (!Identifier.IsValid(grid[k].Id)) problems.Add($"{path}.id: {JsonCursor.Quote(grid[k].Id ?? "")} {Identifier.Rule}");
            if (grid[k].Parent is { } parent && !Identifier.IsValid(parent)) problems.Add($"{path}.parent: {JsonCursor.Quote(parent)} {Identifier.Rule}");
            foreach (var (field, limits) in new[] { ("importMax", grid[k].ImportMaxKw), ("exportMax", grid[k].ExportMaxKw) })
            {
                foreach (var (resource, values) in limits)
                {
                    if (!Identifier.IsValid(resource)) problems.Add($"{path}.limits.{resource}: {JsonCursor.Quote(resource)} {Identifier.Rule.Replace("an id", "a name", StringComparison.Ordinal)}");
                    else CheckLimit($"{path}.limits.{resource}.{field}", values, steps, problems);
                }
            }
        }

        if (grid.Length > 0)
        {
            problems.AddRange(GridTreeRules.Check(grid.Select(n => (Identifier.IsValid(n.Id) ? n.Id : null, n.Parent)).ToList()).Select(p => p.ToString()));

            // The root's importMax and LimitsKw are the same limit: both may be given only when they agree.
            foreach (var root in grid.Where(n => n.Parent is null).Take(1))
            {
                foreach (var (resource, values) in root.ImportMaxKw.Where(l => definition.LimitsKw.TryGetValue(l.Key, out var limit) && !limit.AsSpan().SequenceEqual(l.Value)))
                    problems.Add($"districtLimits.{resource}: differs from the importMax of the root {JsonCursor.Quote(root.Id)}: both are the root's import limit");
            }
        }

        var nodes = grid.Length > 0 ? grid.Select(n => n.Id).ToHashSet(StringComparer.Ordinal) : [definition.Shared.Name];
        for (var k = 0; k < definition.Subsystems.Length; k++)
        {
            if (definition.Subsystems[k].Node is { } node && !nodes.Contains(node))
                problems.Add($"subsystems[{k}].node: {JsonCursor.Quote(node)} is not a node id of the grid (ids: {string.Join(", ", nodes.Take(10).Select(JsonCursor.Quote))}{(nodes.Count > 10 ? ", …" : "")})");
        }
    }

    private static void CheckLimit(string path, double[] values, int steps, List<string> problems)
    {
        if (values.Length != steps) problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: an array of {values.Length} is not a series of {steps} steps"));
        else if (values.Any(v => !double.IsFinite(v) || v < 0 || v > DistrictReader.MaxPowerKw)) problems.Add($"{path}: a value is not a power in [0, 1e7] kW");
    }
}
