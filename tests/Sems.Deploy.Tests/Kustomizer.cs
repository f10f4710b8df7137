using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sems.Deploy.Tests;

/// <summary>
/// A second, much smaller implementation of <c>kustomize build</c>, for machines without <c>kubectl kustomize</c> and
/// as an independent check of its output. It knows the subset the SEMS kustomizations use and refuses anything else:
/// <c>resources</c> (files and folders), <c>configMapGenerator</c> and <c>secretGenerator</c> (literals and files;
/// behavior create, merge, replace), <c>patches</c> with a <c>path</c> to a strategic-merge patch, <c>namespace</c>,
/// <c>labels</c> (without <c>includeSelectors</c>) and <c>images</c>.
/// </summary>
/// <remarks>
/// Generated objects get a name suffix of 10 characters from a SHA-256 of their content, and every reference to them
/// in a pod template is renamed. The suffix is not kustomize's own hash: compare names with the suffix removed.
/// </remarks>
internal static class Kustomizer
{
    private static readonly HashSet<string> SupportedFields =
        ["apiVersion", "kind", "resources", "namespace", "labels", "images", "patches", "configMapGenerator", "secretGenerator"];

    private static readonly HashSet<string> ClusterScopedKinds =
        ["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass", "IngressClass"];

    private static readonly HashSet<string> WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"];

    /// <summary>The objects that the kustomization in <paramref name="folder"/> builds.</summary>
    public static IReadOnlyList<JsonObject> Build(string folder)
    {
        var items = Load(Path.GetFullPath(folder));
        var renames = new Dictionary<(string Kind, string Name), string>();
        foreach (var item in items.Where(i => i.Hashed))
        {
            var name = Name(item.Document);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(item.Document.ToJsonString()));
            var hashed = $"{name}-{Convert.ToHexStringLower(hash)[..10]}";
            renames[(Kind(item.Document), name)] = hashed;
            item.Document["metadata"]!["name"] = hashed;
        }

        foreach (var item in items) RenameReferences(item.Document, renames);
        return [.. items.Select(i => i.Document)];
    }

    /// <summary>The name of an object (metadata.name), or "" when it has none.</summary>
    public static string Name(JsonObject document) => document["metadata"]?["name"]?.GetValue<string>() ?? "";

    /// <summary>The kind of an object, or "" when it has none.</summary>
    public static string Kind(JsonObject document) => document["kind"]?.GetValue<string>() ?? "";

    private static List<Item> Load(string folder)
    {
        var file = Path.Combine(folder, "kustomization.yaml");
        var where = RepositoryPaths.Relative(file);
        var kustomization = YamlJson.ReadObjects(file).Single();
        foreach (var (key, _) in kustomization)
        {
            if (!SupportedFields.Contains(key)) throw new NotSupportedException($"{where}: the field \"{key}\" is not supported here; render with kubectl kustomize");
        }

        var items = new List<Item>();
        foreach (var resource in Strings(kustomization["resources"]))
        {
            var path = Path.GetFullPath(Path.Combine(folder, resource));
            if (Directory.Exists(path)) items.AddRange(Load(path));
            else items.AddRange(YamlJson.ReadObjects(path).Select(d => new Item(d, Hashed: false)));
        }

        foreach (var generator in Objects(kustomization["configMapGenerator"])) Generate(items, generator, "ConfigMap", folder, where);
        foreach (var generator in Objects(kustomization["secretGenerator"])) Generate(items, generator, "Secret", folder, where);

        foreach (var patch in Objects(kustomization["patches"]))
        {
            if (patch.Count != 1 || patch["path"] is null) throw new NotSupportedException($"{where}: only patches given by a path alone are supported here");
            var path = Path.Combine(folder, patch["path"]!.GetValue<string>());
            foreach (var document in YamlJson.ReadObjects(path))
            {
                var target = items.SingleOrDefault(i => Kind(i.Document) == Kind(document) && Name(i.Document) == Name(document))
                    ?? throw new InvalidDataException($"{RepositoryPaths.Relative(path)}: no {Kind(document)} named \"{Name(document)}\" to patch");
                StrategicMerge(target.Document, document);
            }
        }

        if (kustomization["namespace"]?.GetValue<string>() is { } ns)
        {
            foreach (var item in items)
            {
                if (Kind(item.Document) is "RoleBinding") throw new NotSupportedException($"{where}: a namespace with a RoleBinding is not supported here");
                if (!ClusterScopedKinds.Contains(Kind(item.Document))) Child(item.Document, "metadata")["namespace"] = ns;
            }
        }

        foreach (var entry in Objects(kustomization["labels"]))
        {
            if (entry["includeSelectors"]?.GetValue<bool>() == true) throw new NotSupportedException($"{where}: labels with includeSelectors are not supported here");
            var pairs = entry["pairs"]?.AsObject() ?? new JsonObject();
            var templates = entry["includeTemplates"]?.GetValue<bool>() == true;
            foreach (var item in items)
            {
                AddLabels(Child(item.Document, "metadata"), pairs);
                if (!templates) continue;
                if (WorkloadKinds.Contains(Kind(item.Document))) AddLabels(Child(Child(Child(item.Document, "spec"), "template"), "metadata"), pairs);
                if (Kind(item.Document) == "CronJob")
                {
                    var job = Child(Child(item.Document, "spec"), "jobTemplate");
                    AddLabels(Child(job, "metadata"), pairs);
                    AddLabels(Child(Child(Child(job, "spec"), "template"), "metadata"), pairs);
                }
            }
        }

        foreach (var image in Objects(kustomization["images"]))
        {
            foreach (var container in items.SelectMany(i => PodSpecs(i.Document)).SelectMany(Containers)) SetImage(container, image);
        }

        return items;
    }

    private static void Generate(List<Item> items, JsonObject generator, string kind, string folder, string where)
    {
        var name = generator["name"]?.GetValue<string>() ?? throw new InvalidDataException($"{where}: a {kind} generator has no name");
        foreach (var (key, _) in generator)
        {
            if (key is not ("name" or "behavior" or "literals" or "files" or "type")) throw new NotSupportedException($"{where}: the generator field \"{key}\" is not supported here");
        }

        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var literal in Strings(generator["literals"]))
        {
            var equals = literal.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new InvalidDataException($"{where}: the literal \"{literal}\" of {name} is not KEY=VALUE");
            data.Add(literal[..equals], literal[(equals + 1)..]);
        }

        foreach (var entry in Strings(generator["files"]))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var (key, path) = equals > 0 ? (entry[..equals], entry[(equals + 1)..]) : (Path.GetFileName(entry), entry);
            data.Add(key, File.ReadAllText(Path.Combine(folder, path)));
        }

        var values = new JsonObject();
        foreach (var (key, value) in data) values[key] = kind == "Secret" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) : value;
        var document = new JsonObject { ["apiVersion"] = "v1", ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name } };
        if (kind == "Secret") document["type"] = generator["type"]?.GetValue<string>() ?? "Opaque";
        document["data"] = values;

        var behavior = generator["behavior"]?.GetValue<string>() ?? "create";
        var index = items.FindIndex(i => Kind(i.Document) == kind && Name(i.Document) == name);
        switch (behavior)
        {
            case "create" when index < 0:
                items.Add(new Item(document, Hashed: true));
                break;
            case "create":
                throw new InvalidDataException($"{where}: {kind} {name} already exists; a generator for it needs behavior merge or replace");
            case "merge" or "replace" when index < 0:
                throw new InvalidDataException($"{where}: behavior {behavior} needs an existing {kind} named {name}");
            case "merge" or "replace":
                var old = items[index].Document;
                if (behavior == "merge")
                {
                    var merged = old["data"]?.DeepClone().AsObject() ?? new JsonObject();
                    foreach (var (key, value) in values) merged[key] = value?.DeepClone();
                    document["data"] = merged;
                }

                // As kustomize: the new object keeps the old one's labels and annotations, and whether it is hashed.
                var oldMetadata = Child(old, "metadata");
                foreach (var field in new[] { "labels", "annotations" })
                {
                    if (oldMetadata[field] is JsonObject kept) AddLabels(Child(document, "metadata"), kept, field, overwrite: false);
                }

                items[index] = new Item(document, items[index].Hashed);
                break;
            default:
                throw new InvalidDataException($"{where}: the behavior \"{behavior}\" of {name} is not create, merge or replace");
        }
    }

    /// <summary>
    /// Merges a strategic-merge patch into <paramref name="target"/>: objects field by field, lists of containers,
    /// env, volumes and the like element by element on their merge key, every other list replaced, null deleting.
    /// </summary>
    private static void StrategicMerge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$')) throw new NotSupportedException($"the patch directive {key} is not supported here");
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                StrategicMerge(targetObject, patchObject);
            }
            else if (value is JsonArray patchList && target[key] is JsonArray targetList && MergeKey(key, patchList) is { } mergeKey)
            {
                foreach (var element in patchList)
                {
                    var patchElement = element?.AsObject() ?? throw new InvalidDataException($"a null element in the list {key}");
                    var id = patchElement[mergeKey]?.ToJsonString();
                    var existing = targetList.OfType<JsonObject>().FirstOrDefault(t => t[mergeKey]?.ToJsonString() == id);
                    if (existing is null) targetList.Add(patchElement.DeepClone());
                    else StrategicMerge(existing, patchElement);
                }
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static string? MergeKey(string field, JsonArray list) => field switch
    {
        "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
        "volumeMounts" => "mountPath",
        "ports" => list.OfType<JsonObject>().All(p => p["containerPort"] is not null) ? "containerPort" : "port",
        _ => null,
    };

    private static void SetImage(JsonObject container, JsonObject entry)
    {
        if (container["image"]?.GetValue<string>() is not { } image) return;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var (reference, digest) = at >= 0 ? (image[..at], image[(at + 1)..]) : (image, null);
        var colon = reference.LastIndexOf(':');
        var (name, tag) = colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, null);
        if (name != entry["name"]?.GetValue<string>()) return;
        name = entry["newName"]?.GetValue<string>() ?? name;
        if (entry["digest"]?.GetValue<string>() is { } newDigest) container["image"] = $"{name}@{newDigest}";
        else if (entry["newTag"]?.GetValue<string>() is { } newTag) container["image"] = $"{name}:{newTag}";
        else container["image"] = name + (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);
    }

    private static void RenameReferences(JsonObject document, Dictionary<(string Kind, string Name), string> renames)
    {
        void Rename(JsonNode? holder, string field, string kind)
        {
            if (holder is JsonObject o && o[field]?.GetValue<string>() is { } name && renames.TryGetValue((kind, name), out var renamed)) o[field] = renamed;
        }

        foreach (var spec in PodSpecs(document))
        {
            foreach (var container in Containers(spec))
            {
                foreach (var env in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Rename(env["valueFrom"]?["configMapKeyRef"], "name", "ConfigMap");
                    Rename(env["valueFrom"]?["secretKeyRef"], "name", "Secret");
                }

                foreach (var from in (container["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Rename(from["configMapRef"], "name", "ConfigMap");
                    Rename(from["secretRef"], "name", "Secret");
                }
            }

            foreach (var volume in (spec["volumes"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Rename(volume["configMap"], "name", "ConfigMap");
                Rename(volume["secret"], "secretName", "Secret");
                foreach (var source in (volume["projected"]?["sources"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Rename(source["configMap"], "name", "ConfigMap");
                    Rename(source["secret"], "name", "Secret");
                }
            }
        }
    }

    /// <summary>The pod specs inside an object: a Pod's spec, a workload's template, a CronJob's job template.</summary>
    public static IEnumerable<JsonObject> PodSpecs(JsonObject document)
    {
        var spec = Kind(document) switch
        {
            "Pod" => document["spec"],
            "CronJob" => document["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"],
            var kind when WorkloadKinds.Contains(kind) => document["spec"]?["template"]?["spec"],
            _ => null,
        };
        if (spec is JsonObject o) yield return o;
    }

    /// <summary>The containers and init containers of a pod spec.</summary>
    public static IEnumerable<JsonObject> Containers(JsonObject podSpec) =>
        new[] { "initContainers", "containers" }.SelectMany(f => (podSpec[f] as JsonArray ?? []).OfType<JsonObject>());

    /// <summary>Adds <paramref name="pairs"/> to metadata.labels (or another map); an existing key is overwritten only when asked.</summary>
    private static void AddLabels(JsonObject metadata, JsonObject pairs, string field = "labels", bool overwrite = true)
    {
        var labels = Child(metadata, field);
        foreach (var (key, value) in pairs)
        {
            if (overwrite || !labels.ContainsKey(key)) labels[key] = value?.DeepClone();
        }
    }

    private static JsonObject Child(JsonObject parent, string field)
    {
        if (parent[field] is JsonObject existing) return existing;
        var created = new JsonObject();
        parent[field] = created;
        return created;
    }

    private static IEnumerable<string> Strings(JsonNode? list) => (list as JsonArray ?? []).Select(n => n!.GetValue<string>());

    private static IEnumerable<JsonObject> Objects(JsonNode? list) => (list as JsonArray ?? []).Select(n => n!.AsObject());

    private sealed record Item(JsonObject Document, bool Hashed);
}
