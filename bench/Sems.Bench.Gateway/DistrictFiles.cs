using System.Globalization;
using System.Text.Json.Nodes;

namespace Sems.Bench.Gateway;

/// <summary>The district a server is started on: an example file of the repository, or a generated larger one.</summary>
public static class DistrictFiles
{
    /// <summary>The repository: <c>--repo</c>, else the first folder above the bench's binaries that holds Sems.sln.</summary>
    public static string Repo(string? given)
    {
        if (given is not null)
        {
            if (!File.Exists(Path.Combine(given, "Sems.sln"))) throw new BenchException($"--repo: \"{given}\" holds no Sems.sln");
            return Path.GetFullPath(given);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sems.sln"))) return dir.FullName;
        }

        throw new BenchException("no Sems.sln above the bench's folder: give the repository with --repo DIR");
    }

    /// <summary>
    /// A district of <paramref name="subsystems"/> copies of <c>examples/heat-network.json</c>'s subsystem (ids
    /// <c>heat-001</c>…, each with its own thermal store of 0–600 kWh), written to a temporary file named after it.
    /// </summary>
    public static string Generate(string repo, int subsystems)
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(repo, "examples", "heat-network.json")))!.AsObject();
        var template = example["subsystems"]![0]!;
        var list = new JsonArray();
        for (var k = 1; k <= subsystems; k++)
        {
            var copy = template.DeepClone().AsObject();
            copy["id"] = string.Create(CultureInfo.InvariantCulture, $"heat-{k:D3}");
            copy["priority"] = k;
            list.Add(copy);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"bench-{subsystems}");
        example["name"] = name;
        example["title"] = string.Create(CultureInfo.InvariantCulture, $"{subsystems} copies of the heat-network example");
        example["subsystems"] = list;
        var path = Path.Combine(Path.GetTempPath(), $"{name}.json");
        File.WriteAllText(path, example.ToJsonString());
        return path;
    }

    /// <summary>The district's name (its id) as the file gives it.</summary>
    public static string NameOf(string file) =>
        JsonNode.Parse(File.ReadAllText(file))?["name"]?.GetValue<string>() ?? throw new BenchException($"{file} names no district");

    /// <summary>Every (subsystem, store) pair of the file: the assets that take "soc" measurements in kWh, with their range.</summary>
    public static IReadOnlyList<(string Subsystem, string Store, double SocMinKwh, double SocMaxKwh)> Stores(string file)
    {
        var district = JsonNode.Parse(File.ReadAllText(file))!;
        return district["subsystems"]!.AsArray()
            .SelectMany(s => (s!["stores"]?.AsArray() ?? []).Select(st => (
                s["id"]!.GetValue<string>(), st!["id"]!.GetValue<string>(), st["socMin"]!.GetValue<double>(), st["socMax"]!.GetValue<double>())))
            .ToArray();
    }

    /// <summary>The step of the district, minutes.</summary>
    public static double StepMinutes(string file) => JsonNode.Parse(File.ReadAllText(file))?["stepMinutes"]?.GetValue<double>() ?? 15;
}
