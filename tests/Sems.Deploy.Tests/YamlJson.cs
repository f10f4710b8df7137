using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sems.Deploy.Tests;

/// <summary>
/// Reads YAML documents into JSON nodes. Plain scalars are resolved with the YAML 1.2 core schema (null, booleans,
/// integers, floats); quoted and block scalars, and those tagged <c>!!str</c>, stay strings, as Kubernetes reads them.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>Every document of <paramref name="yaml"/>; an empty document is null. Throws on invalid YAML or a repeated key.</summary>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode))];
    }

    /// <summary>The documents of a file that are objects (kubernetes resources, kustomizations, patches).</summary>
    public static IReadOnlyList<JsonObject> ReadObjects(string path)
    {
        var objects = new List<JsonObject>();
        foreach (var node in ParseAll(File.ReadAllText(path)))
        {
            if (node is null) continue;
            objects.Add(node as JsonObject ?? throw new InvalidDataException($"{RepositoryPaths.Relative(path)}: a document is not a mapping"));
        }

        return objects;
    }

    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var result = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode { Value: { } text } ? text : throw new InvalidDataException($"{key.Start}: a mapping key is not a scalar");
                    if (result.ContainsKey(name)) throw new InvalidDataException($"{key.Start}: the key \"{name}\" is given twice");
                    result[name] = ToJson(value);
                }

                return result;
            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(ToJson)]);
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new InvalidDataException($"{node.Start}: unsupported YAML node {node.NodeType}");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || scalar.Tag is { IsGlobal: true, Value: "tag:yaml.org,2002:str" }) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (Float().IsMatch(text)) return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
