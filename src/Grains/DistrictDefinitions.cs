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
    /// the reader guarantees (ids, unique priorities, the horizon, the limits' lengths and values, every export and
    /// export factor), with the reader's messages.
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
        ExportProblems(definition, steps, problems);
        if (definition.Coordination is { } coordination)
        {
            if (coordination.Mode is not ("priority" or "economic")) problems.Add($"coordination.mode: {JsonCursor.Quote(coordination.Mode ?? "")} is not one of \"priority\", \"economic\"");
            if (coordination.MaxRounds is < 1 or > 100) problems.Add(string.Create(CultureInfo.InvariantCulture, $"coordination.maxRounds: {coordination.MaxRounds} is not a whole number in [1, 100]"));
            if (coordination.RiskLevel is { } risk && !(risk >= CoordinationSettings.MinRiskLevel && risk <= CoordinationSettings.MaxRiskLevel))
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"coordination.riskLevel: {risk} is not a probability in [0.5, 0.9999]"));
        }

        UncertaintyProblems(definition, steps, problems);

        return problems;
    }

    /// <summary>The reader's rules for <c>uncertainty</c>: a resource a supply of the subsystem draws, a series of exactly N finite kW ≥ 0.</summary>
    private static void UncertaintyProblems(DistrictDefinition definition, int steps, List<string> problems)
    {
        for (var k = 0; k < definition.Subsystems.Length; k++)
        {
            var subsystem = definition.Subsystems[k];
            if (subsystem.UncertaintyKw is not { Count: > 0 } uncertainty) continue;
            var drawn = subsystem.Supplies.SelectMany(s => s.Conversions).Select(c => c.Resource).ToHashSet(StringComparer.Ordinal);
            foreach (var (resource, sigma) in uncertainty)
            {
                var path = $"subsystems[{k}].uncertainty.{resource}";
                if (!drawn.Contains(resource)) problems.Add($"{path}: {JsonCursor.Quote(resource)} is not a resource that a supply of this subsystem draws");
                else if (sigma is null || sigma.Length != steps) problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: an array of {sigma?.Length ?? 0} numbers is not a series of exactly {steps} steps (horizonSteps)"));
                else if (Array.FindIndex(sigma, v => !double.IsFinite(v) || v < 0) is var bad and >= 0)
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}[{bad}]: {sigma[bad]} is not a finite standard deviation in kW ≥ 0"));
            }
        }
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

    /// <summary>
    /// The reader's rules for exports: ids (valid, unique among the subsystem's assets), a resource that a supply of the
    /// subsystem draws, an energy type that one produces, min and max series of kW ≥ 0 with min ≤ max; and
    /// <c>exportFactors</c> only for resources that some export feeds.
    /// </summary>
    private static void ExportProblems(DistrictDefinition definition, int steps, List<string> problems)
    {
        var exported = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < definition.Subsystems.Length; k++)
        {
            var subsystem = definition.Subsystems[k];
            var exports = subsystem.Exports ?? [];
            if (exports.Length == 0) continue;
            var drawn = subsystem.Supplies.SelectMany(s => s.Conversions).Select(c => c.Resource).ToHashSet(StringComparer.Ordinal);
            var produced = subsystem.Supplies.SelectMany(s => s.Conversions).Select(c => c.EnergyType).ToHashSet(StringComparer.Ordinal);
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            void Seen(string? id, string path)
            {
                if (id is not null) seen.TryAdd(id, path);
            }

            for (var a = 0; a < subsystem.Supplies.Length; a++) Seen(subsystem.Supplies[a].Id, $"subsystems[{k}].supplies[{a}].id");
            for (var a = 0; a < subsystem.Stores.Length; a++) Seen(subsystem.Stores[a].Id, $"subsystems[{k}].stores[{a}].id");
            for (var a = 0; a < subsystem.Demands.Length; a++) Seen(subsystem.Demands[a].Id, $"subsystems[{k}].demands[{a}].id");
            for (var x = 0; x < exports.Length; x++)
            {
                var export = exports[x];
                var path = $"subsystems[{k}].exports[{x}]";
                if (!Identifier.IsValid(export.Id)) problems.Add($"{path}.id: {JsonCursor.Quote(export.Id ?? "")} {Identifier.Rule}");
                else if (seen.TryGetValue(export.Id, out var first)) problems.Add($"{path}.id: {JsonCursor.Quote(export.Id)} duplicates the id at {first}: asset ids must be unique within a subsystem");
                else seen[export.Id] = $"{path}.id";
                if (!string.IsNullOrEmpty(export.Resource)) exported.Add(export.Resource);
                if (!Identifier.IsValid(export.Resource)) problems.Add($"{path}.resource: {JsonCursor.Quote(export.Resource ?? "")} {Identifier.Rule}");
                else if (!drawn.Contains(export.Resource))
                    problems.Add($"{path}.resource: {JsonCursor.Quote(export.Resource)} is not a resource that a supply of this subsystem draws (drawn: {List(drawn)}): an export feeds the grid the subsystem is connected to");
                if (!Identifier.IsValid(export.EnergyType)) problems.Add($"{path}.energyType: {JsonCursor.Quote(export.EnergyType ?? "")} {Identifier.Rule}");
                else if (!produced.Contains(export.EnergyType))
                    problems.Add($"{path}.energyType: {JsonCursor.Quote(export.EnergyType)} is not an energy type that a supply of this subsystem produces (produced: {List(produced)})");
                var min = ExportSeries($"{path}.min", export.Min, steps, problems);
                var max = ExportSeries($"{path}.max", export.Max, steps, problems);
                if (min is null || max is null) continue;
                for (var i = 0; i < steps; i++)
                {
                    if (min[i] <= max[i]) continue;
                    var where = steps > 1 && !(min.All(v => v == min[0]) && max.All(v => v == max[0])) ? $" at step {i}" : "";
                    problems.Add($"{path}.min: {JsonCursor.Format(min[i])} is greater than max ({JsonCursor.Format(max[i])} kW){where}");
                    break;
                }
            }
        }

        foreach (var (factor, byResource) in definition.Shared.ExportFactors ?? new Dictionary<string, IReadOnlyDictionary<string, double[]>>())
        {
            var path = $"exportFactors.{factor}";
            if (!Identifier.IsValid(factor))
            {
                problems.Add($"{path}: {JsonCursor.Quote(factor)} {Identifier.Rule.Replace("an id", "a name", StringComparison.Ordinal)}");
                continue;
            }

            foreach (var (resource, values) in byResource)
            {
                var resourcePath = $"{path}.{resource}";
                if (!exported.Contains(resource))
                    problems.Add($"{resourcePath}: {JsonCursor.Quote(resource)} is not a resource that any export feeds (exported: {List(exported)})");
                if (values is null || values.Length != steps)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{resourcePath}: an array of {values?.Length ?? 0} numbers is not a series: expected one number or exactly {steps} numbers (horizonSteps)"));
                    continue;
                }

                for (var i = 0; i < values.Length; i++)
                {
                    if (!double.IsFinite(values[i])) problems.Add($"{resourcePath}[{i}]: {JsonCursor.Format(values[i])} is not a finite number");
                    else if (Math.Abs(values[i]) > DistrictReader.MaxFactor) problems.Add($"{resourcePath}[{i}]: {JsonCursor.Format(values[i])} is beyond ±1e4 per kWh, the largest magnitude SEMS accepts here");
                }
            }
        }
    }

    /// <summary>An export's min or max: exactly one value per step, each a finite power in [0, 1e7] kW; null (and the problems) otherwise.</summary>
    private static double[]? ExportSeries(string path, double[]? values, int steps, List<string> problems)
    {
        if (values is null || values.Length != steps)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: an array of {values?.Length ?? 0} numbers is not a series: expected one number or exactly {steps} numbers (horizonSteps)"));
            return null;
        }

        var ok = true;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            string? rule = !double.IsFinite(v) ? "is not a finite number"
                : v < 0 ? "is negative: an export is a power fed back in kW ≥ 0"
                : v > DistrictReader.MaxPowerKw ? "is beyond ±1e7 kW, the largest magnitude SEMS accepts here"
                : null;
            if (rule is null) continue;
            problems.Add($"{path}[{i}]: {JsonCursor.Format(v)} {rule}");
            ok = false;
        }

        return ok ? values : null;
    }

    /// <summary>Names as the reader lists them: quoted, comma-separated, at most ten and a count of the rest.</summary>
    private static string List(IEnumerable<string> names)
    {
        var list = names.Select(JsonCursor.Quote).ToList();
        return list.Count switch
        {
            0 => "none",
            > 10 => $"{string.Join(", ", list.Take(10))} and {list.Count - 10} more",
            _ => string.Join(", ", list),
        };
    }

    private static void CheckLimit(string path, double[] values, int steps, List<string> problems)
    {
        if (values.Length != steps) problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: an array of {values.Length} is not a series of {steps} steps"));
        else if (values.Any(v => !double.IsFinite(v) || v < 0 || v > DistrictReader.MaxPowerKw)) problems.Add($"{path}: a value is not a power in [0, 1e7] kW");
    }
}
