using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sems.Contracts;
using Sems.Contracts.Definitions;
using Sems.Engine.Districts;
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
            contentHash);
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
        foreach (var (resource, values) in definition.LimitsKw)
        {
            if (values.Length != steps) problems.Add(string.Create(CultureInfo.InvariantCulture, $"districtLimits.{resource}: an array of {values.Length} is not a series of {steps} steps"));
            else if (values.Any(v => !double.IsFinite(v) || v < 0 || v > DistrictReader.MaxPowerKw)) problems.Add($"districtLimits.{resource}: a value is not a power in [0, 1e7] kW");
        }

        return problems;
    }
}
