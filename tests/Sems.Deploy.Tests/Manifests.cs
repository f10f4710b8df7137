using System.Text.RegularExpressions;
using k8s.Models;

namespace Sems.Deploy.Tests;

/// <summary>Queries over a rendering's typed objects: workloads, selectors, ports, variable references.</summary>
internal static partial class Manifests
{
    /// <summary>Every Deployment, StatefulSet and Job of the rendering.</summary>
    public static IReadOnlyList<Workload> Workloads(Rendering rendering) =>
    [
        .. rendering.OfType<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Template, d.Spec.Selector)),
        .. rendering.OfType<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Template, s.Spec.Selector)),
        .. rendering.OfType<V1Job>().Select(j => new Workload("Job", j.Metadata.Name, j.Spec.Template, j.Spec.Selector)),
    ];

    /// <summary>The workload whose pods carry app.kubernetes.io/component = <paramref name="component"/>.</summary>
    public static Workload Component(Rendering rendering, string component) =>
        Workloads(rendering).Single(w => w.PodLabels.TryGetValue("app.kubernetes.io/component", out var c) && c == component);

    /// <summary>Whether every pair of <paramref name="selector"/> is among <paramref name="labels"/>.</summary>
    public static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>The matchLabels of a label selector; the manifests use no matchExpressions, so one is refused.</summary>
    public static IDictionary<string, string> MatchLabels(V1LabelSelector? selector, string where)
    {
        if (selector?.MatchExpressions is { Count: > 0 }) throw new InvalidDataException($"{where}: matchExpressions are not checked by these tests; use matchLabels");
        return selector?.MatchLabels ?? new Dictionary<string, string>();
    }

    /// <summary>The workloads whose pods a label selector picks (an empty selector picks every pod).</summary>
    public static IReadOnlyList<Workload> Selected(Rendering rendering, V1LabelSelector? selector, string where)
    {
        var labels = MatchLabels(selector, where);
        return [.. Workloads(rendering).Where(w => Selects(labels, w.PodLabels))];
    }

    /// <summary>The container port a probe, a Service or a policy names (by name or number), or null when none matches.</summary>
    public static V1ContainerPort? Port(V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? container.Ports?.FirstOrDefault(p => p.ContainerPort == number)
            : container.Ports?.FirstOrDefault(p => p.Name == port.Value);

    /// <summary>The names of the variables referenced as $(NAME) in <paramref name="text"/> ($$ escapes a reference).</summary>
    public static IEnumerable<string> References(string? text) =>
        text is null ? [] : Reference().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
