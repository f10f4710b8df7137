using System.Text.Json;
using Sems.Engine.Json;
using Sems.Engine.Model;

namespace Sems.Engine.Districts;

/// <summary>
/// Reads a district file's optional <c>grid</c> (the tree of connection points and their limits) and
/// <c>coordination</c> objects, checking the tree rules: ids unique and well formed, exactly one root, every parent a
/// node, no cycle, a limit only on a drawn resource and not given twice for the root.
/// </summary>
internal static class GridReader
{
    /// <summary>What was read of <c>grid</c>: the nodes in file order when every rule holds, and the ids seen.</summary>
    /// <param name="Nodes">Root first and parents before children; null when the grid is invalid.</param>
    /// <param name="NodeIds">Every valid node id, in file order, for checking the subsystems' <c>node</c>; null when <c>nodes</c> could not be read.</param>
    internal sealed record Result(IReadOnlyList<GridNode>? Nodes, IReadOnlyList<string>? NodeIds);

    private sealed record Entry(int Index, string? Id, JsonElement? Parent, string? ParentId, Dictionary<string, Series> ImportMaxKw, Dictionary<string, Series> ExportMaxKw);

    /// <summary>Reads <c>grid</c>; returns null when the file has none.</summary>
    internal static Result? ReadGrid(JsonElement root, int horizon, IReadOnlySet<string> allDrawn, IReadOnlyDictionary<string, Series> districtLimits,
        JsonElement? districtLimitsElement, JsonCursor c)
    {
        if (JsonCursor.Optional(root, "grid") is not { } grid) return null;
        if (!c.ExpectObject(grid, "grid")) return new Result(null, null);
        c.WarnUnknownFields(grid, "grid", "nodes");
        if (c.Required(grid, "nodes", "grid") is not { } nodesElement || !c.ExpectArray(nodesElement, "grid.nodes")) return new Result(null, null);
        var errorsBefore = c.ErrorCount;
        var entries = new List<Entry>();
        var index = 0;
        foreach (var element in nodesElement.EnumerateArray())
        {
            if (ReadNode(element, $"grid.nodes[{index}]", index, horizon, allDrawn, c) is { } entry) entries.Add(entry);
            index++;
        }

        var ids = entries.Where(e => e.Id is not null).Select(e => e.Id!).Distinct(StringComparer.Ordinal).ToList();
        if (entries.Count != nodesElement.GetArrayLength()) return new Result(null, ids); // a node that is no object: the tree cannot be judged

        // A parent given but not an id (reported by ReadNode) still makes its node no root: "" stands for it.
        foreach (var problem in GridTreeRules.Check(entries.Select(e => (e.Id, e.Parent is null ? null : e.ParentId ?? "")).ToList()))
            c.Error(problem.Path, problem.Value, problem.Rule);

        var roots = entries.Where(e => e.Parent is null).ToList();
        if (roots.Count == 1 && districtLimitsElement is { ValueKind: JsonValueKind.Object } limitsElement)
            ReportBothGiven(roots[0], nodesElement, limitsElement, c);

        if (c.ErrorCount > errorsBefore) return new Result(null, ids);

        // The root holds the district limits too: districtLimits is the root's importMax written at the top level.
        var nodes = entries.Select(e => new GridNode(e.Id!, e.ParentId, e.Parent is null ? Merge(e.ImportMaxKw, districtLimits) : e.ImportMaxKw, e.ExportMaxKw)).ToList();
        if (GridTopology.Sort(nodes) is not { } sorted)
        {
            c.Error("grid.nodes", $"an array of {nodes.Count}", "is not one tree"); // unreachable: every rule that makes a tree is checked above
            return new Result(null, ids);
        }

        return new Result(sorted, ids);
    }

    /// <summary>Reads <c>coordination</c>; the default (priority mode) when the file has none.</summary>
    internal static CoordinationSettings? ReadCoordination(JsonElement root, JsonCursor c)
    {
        if (JsonCursor.Optional(root, "coordination") is not { } element) return CoordinationSettings.Default;
        if (!c.ExpectObject(element, "coordination")) return null;
        c.WarnUnknownFields(element, "coordination", "mode", "maxRounds", "riskLevel");
        CoordinationMode? mode = null;
        if (c.Required(element, "mode", "coordination") is { } m)
        {
            mode = m.ValueKind == JsonValueKind.String ? m.GetString() switch
            {
                "priority" => CoordinationMode.Priority,
                "economic" => CoordinationMode.Economic,
                _ => null,
            } : null;
            if (mode is null) c.Error("coordination.mode", JsonCursor.Describe(m), "is not one of \"priority\", \"economic\"");
        }

        var maxRounds = CoordinationSettings.Default.MaxRounds;
        if (JsonCursor.Optional(element, "maxRounds") is { } r)
        {
            if (c.Integer(r, "coordination.maxRounds", 1, MaxRounds) is not { } rounds) return null;
            maxRounds = rounds;
            if (mode == CoordinationMode.Priority)
                c.Warn("coordination.maxRounds", rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), "is ignored: only the economic mode runs price rounds");
        }

        double? riskLevel = null;
        if (JsonCursor.Optional(element, "riskLevel") is { } risk)
        {
            if (c.Number(risk, "coordination.riskLevel") is not { } level) return null;
            var text = JsonCursor.Format(level);
            if (level < CoordinationSettings.MinRiskLevel)
                c.Error("coordination.riskLevel", text, "is less than 0.5: a risk level is the probability that a limit holds, in [0.5, 0.9999] (0.5 plans on the point forecast)");
            else if (level > CoordinationSettings.MaxRiskLevel)
                c.Error("coordination.riskLevel", text, "is more than 0.9999: a risk level is the probability that a limit holds, in [0.5, 0.9999]");
            else riskLevel = level;
            if (riskLevel is null) return null;
        }

        return mode is null ? null : new CoordinationSettings(mode.Value, maxRounds) { RiskLevel = riskLevel };
    }

    /// <summary>The most price rounds a file may ask for per cycle.</summary>
    internal const int MaxRounds = 100;

    private static Entry? ReadNode(JsonElement e, string path, int index, int horizon, IReadOnlySet<string> allDrawn, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        c.WarnUnknownFields(e, path, "id", "parent", "limits");
        var id = c.Required(e, "id", path) is { } idElement ? c.Id(idElement, $"{path}.id") : null;
        var parent = JsonCursor.Optional(e, "parent");
        var parentId = parent is { } p ? c.Id(p, $"{path}.parent") : null;
        var import = new Dictionary<string, Series>(StringComparer.Ordinal);
        var export = new Dictionary<string, Series>(StringComparer.Ordinal);
        if (JsonCursor.Optional(e, "limits") is { } limits && c.ExpectObject(limits, $"{path}.limits"))
        {
            foreach (var resource in limits.EnumerateObject())
            {
                var rp = $"{path}.limits.{resource.Name}";
                if (!c.Name(resource.Name, rp)) continue;
                if (allDrawn.Count > 0 && !allDrawn.Contains(resource.Name))
                    c.Error(rp, JsonCursor.Quote(resource.Name), $"is not a resource that any supply draws (drawn: {DistrictReader.List(allDrawn)})");
                if (!c.ExpectObject(resource.Value, rp)) continue;
                c.WarnUnknownFields(resource.Value, rp, "importMax", "exportMax");
                ReadLimit(resource.Value, "importMax", rp, horizon, resource.Name, import, c);
                ReadLimit(resource.Value, "exportMax", rp, horizon, resource.Name, export, c);
            }
        }

        return new Entry(index, id, parent, parentId, import, export);
    }

    private static void ReadLimit(JsonElement limits, string field, string path, int horizon, string resource, Dictionary<string, Series> into, JsonCursor c)
    {
        if (JsonCursor.Optional(limits, field) is not { } element) return;
        if (c.Series(element, $"{path}.{field}", horizon, v => v >= 0, $"is negative: {field} is a power in kW ≥ 0", DistrictReader.MaxPowerKw, "kW") is { } values)
            into[resource] = Series.Of(values);
    }

    /// <summary><c>districtLimits.r</c> is the root's <c>importMax</c> of r: a file gives one or the other.</summary>
    private static void ReportBothGiven(Entry rootEntry, JsonElement nodesElement, JsonElement districtLimits, JsonCursor c)
    {
        if (JsonCursor.Optional(nodesElement[rootEntry.Index], "limits") is not { ValueKind: JsonValueKind.Object } limits) return;
        foreach (var resource in limits.EnumerateObject())
        {
            if (resource.Value.ValueKind != JsonValueKind.Object || JsonCursor.Optional(resource.Value, "importMax") is not { } importMax
                || JsonCursor.Optional(districtLimits, resource.Name) is null)
                continue;
            c.Error($"grid.nodes[{rootEntry.Index}].limits.{resource.Name}.importMax", JsonCursor.Describe(importMax),
                $"is given as well as districtLimits.{resource.Name}: both are the import limit of the root {Named(rootEntry)}; give one of them");
        }
    }

    private static Dictionary<string, Series> Merge(IReadOnlyDictionary<string, Series> own, IReadOnlyDictionary<string, Series> districtLimits)
    {
        var merged = new Dictionary<string, Series>(districtLimits, StringComparer.Ordinal);
        foreach (var (resource, limit) in own) merged[resource] = limit;
        return merged;
    }

    private static string Named(Entry entry) => entry.Id is { } id ? JsonCursor.Quote(id) : $"grid.nodes[{entry.Index}]";
}
