using k8s.Models;

namespace Sems.Deploy.Tests;

/// <summary>An object that runs pods (Deployment, StatefulSet, Job), reduced to what the checks need.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Name">Its name.</param>
/// <param name="Template">Its pod template.</param>
/// <param name="Selector">Its pod selector, or null (a Job may leave it to the server).</param>
internal sealed record Workload(string Kind, string Name, V1PodTemplateSpec Template, V1LabelSelector? Selector)
{
    /// <summary>The labels its pods get.</summary>
    public IDictionary<string, string> PodLabels => Template.Metadata?.Labels ?? new Dictionary<string, string>();

    /// <summary>Its init containers, then its containers.</summary>
    public IEnumerable<V1Container> Containers => (Template.Spec.InitContainers ?? []).Concat(Template.Spec.Containers ?? []);

    /// <summary>Its long-running containers (not the init containers).</summary>
    public IEnumerable<V1Container> MainContainers => Template.Spec.Containers ?? [];

    public override string ToString() => $"{Kind} {Name}";
}
