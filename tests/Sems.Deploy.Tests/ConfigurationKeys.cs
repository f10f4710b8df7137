using System.Text.Json.Nodes;

namespace Sems.Deploy.Tests;

/// <summary>
/// The configuration keys the <c>sems</c> executable reads: every key of src/Silo/appsettings.json, plus the keys of
/// the API host that the settings file cannot hold (the signing key, a secret).
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>Keys the executable reads that have no default in appsettings.json.</summary>
    public static readonly IReadOnlyList<string> WithoutDefault = ["Sems:Auth:SigningKey"];

    /// <summary>The prefix of the environment variables the executable reads.</summary>
    public const string EnvironmentPrefix = "SEMS_";

    private static readonly Lazy<HashSet<string>> KnownKeys = new(() =>
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var settings = JsonNode.Parse(File.ReadAllText(RepositoryPaths.SiloSettings)) ?? throw new InvalidDataException("appsettings.json is empty");
        Flatten(settings, "", keys);
        keys.UnionWith(WithoutDefault);
        return keys;
    });

    /// <summary>Every known key, compared as .NET configuration compares them (ignoring case).</summary>
    public static IReadOnlySet<string> Known => KnownKeys.Value;

    /// <summary>The configuration key an environment variable sets: SEMS_A__B__C sets A:B:C; null without the prefix.</summary>
    public static string? FromEnvironmentName(string name) =>
        name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) ? name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal) : null;

    private static void Flatten(JsonNode? node, string prefix, HashSet<string> keys)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o) Flatten(value, prefix.Length == 0 ? key : $"{prefix}:{key}", keys);
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++) Flatten(a[i], $"{prefix}:{i}", keys);
        }
        else
        {
            keys.Add(prefix);
        }
    }
}
