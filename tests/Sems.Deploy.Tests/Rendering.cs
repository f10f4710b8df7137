using System.Text.Json.Nodes;

namespace Sems.Deploy.Tests;

/// <summary>The objects a kustomization builds, as YAML text, as JSON documents and as typed KubernetesClient objects.</summary>
/// <param name="Name">"base" or "dev", for messages.</param>
/// <param name="Renderer">What rendered it: "kubectl kustomize" or the fallback renderer.</param>
/// <param name="Yaml">The rendered YAML stream.</param>
/// <param name="Documents">Each rendered object as JSON.</param>
/// <param name="Objects">Each rendered object loaded strictly by KubernetesClient (V1StatefulSet, V1Service, ...).</param>
internal sealed record Rendering(string Name, string Renderer, string Yaml, IReadOnlyList<JsonObject> Documents, IReadOnlyList<object> Objects)
{
    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    public override string ToString() => $"{Name} (rendered by {Renderer})";
}
