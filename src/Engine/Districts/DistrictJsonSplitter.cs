using System.Text.Json;
using System.Text.Json.Nodes;
using Sems.Engine.Model;

namespace Sems.Engine.Districts;

/// <summary>
/// Cuts a valid district file into one-subsystem district files (same horizon, step and factors, restricted to the
/// resources that subsystem draws, no district limits): what each subsystem actor is configured with. Each part is
/// named "district.subsystem" (an id) and titled "title / subsystem". The subsystem's
/// own JSON is carried over untouched, so nothing the user wrote is lost in translation.
/// </summary>
public static class DistrictJsonSplitter
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<(string SubsystemId, string Json)> Split(string districtJson)
    {
        var district = DistrictReader.Read(districtJson).GetDistrictOrThrow();
        var root = JsonNode.Parse(districtJson, documentOptions: Options)!.AsObject();
        var subsystems = root["subsystems"]!.AsArray();
        var result = new List<(string, string)>();
        for (var k = 0; k < district.Subsystems.Count; k++)
        {
            var drawn = district.Subsystems[k].DrawnResources.ToHashSet(StringComparer.Ordinal);
            var one = new JsonObject
            {
                ["name"] = PartName(district.Name, district.Subsystems[k].Id),
                ["title"] = PartTitle(district.Title, district.Subsystems[k].Id),
                ["stepMinutes"] = district.StepMinutes,
                ["horizonSteps"] = district.HorizonSteps,
            };
            if (root["start"] is { } start) one["start"] = start.DeepClone();
            if (root["factors"] is JsonObject factors)
            {
                var kept = new JsonObject();
                foreach (var (factor, byResource) in factors)
                {
                    var resources = new JsonObject();
                    foreach (var (resource, series) in byResource!.AsObject().Where(r => drawn.Contains(r.Key)))
                        resources[resource] = series?.DeepClone();
                    kept[factor] = resources;
                }

                one["factors"] = kept;
            }

            one["subsystems"] = new JsonArray(subsystems[k]!.DeepClone());
            result.Add((district.Subsystems[k].Id, one.ToJsonString()));
        }

        return result;
    }

    /// <summary>"district.subsystem" while that is still an id (at most 64 characters), else the subsystem's id alone.</summary>
    private static string PartName(string district, string subsystem) =>
        district.Length + 1 + subsystem.Length <= Identifier.MaxLength ? $"{district}.{subsystem}" : subsystem;

    /// <summary>"title / subsystem", cut to the longest title a district file may give.</summary>
    private static string PartTitle(string title, string subsystem)
    {
        var suffix = $" / {subsystem}";
        var room = DistrictReader.MaxTitleLength - suffix.Length;
        if (title.Length > room && char.IsHighSurrogate(title[room - 1])) room--; // never split a surrogate pair
        return (title.Length <= room ? title : title[..room]) + suffix;
    }
}
