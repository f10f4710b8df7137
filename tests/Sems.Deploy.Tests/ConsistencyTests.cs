using System.Text.Json.Nodes;
using k8s.Models;
using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>
/// Cross-references between the rendered objects of the base and of the dev overlay, each a mistake that every
/// schema accepts and the cluster would only show at run time: a Service or budget selecting no pods, a probe on a
/// port the container does not open, a variable the executable does not read, a secret key that does not exist.
/// </summary>
public sealed class ConsistencyTests
{
    /// <summary>The product's gRPC and HTTP ports (the defaults of --grpc-port and --http-port).</summary>
    private const int GrpcPort = 50051;
    private const int HttpPort = 8080;

    /// <summary>How long the host takes to stop on SIGTERM (Orleans deactivates grains and leaves the cluster).</summary>
    private const int ShutdownSeconds = 30;

    public static TheoryData<string> Kustomizations => new() { "base", "dev" };

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryServiceSelectsTheContainersOfExactlyOneWorkload(string name)
    {
        var rendering = Renderings.Named(name);
        var services = rendering.OfType<V1Service>().ToList();
        Assert.Contains(services, s => s.Spec.Selector is { Count: > 0 });
        foreach (var service in services)
        {
            if (service.Spec.Type == "ExternalName")
            {
                Assert.True(service.Spec.Selector is null or { Count: 0 }, $"{rendering}: the ExternalName Service {service.Metadata.Name} has a selector");
                Assert.False(string.IsNullOrEmpty(service.Spec.ExternalName), $"{rendering}: the ExternalName Service {service.Metadata.Name} names no host");
                continue;
            }

            Assert.True(service.Spec.Selector is { Count: > 0 }, $"{rendering}: Service {service.Metadata.Name} has no selector");
            var selected = Manifests.Workloads(rendering).Where(w => Manifests.Selects(service.Spec.Selector, w.PodLabels)).ToList();
            Assert.True(selected.Count == 1, $"{rendering}: Service {service.Metadata.Name} selects {selected.Count} workloads ({string.Join(", ", selected)}), not one");

            // Every port forwards to a port that the selected pods' containers open.
            foreach (var port in service.Spec.Ports)
            {
                var target = port.TargetPort ?? (IntOrString)port.Port;
                Assert.True(selected[0].MainContainers.Any(c => Manifests.Port(c, target) is not null),
                    $"{rendering}: Service {service.Metadata.Name} port {port.Name} targets {target.Value}, which no container of {selected[0]} opens");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryWorkloadSelectorMatchesItsOwnPodTemplate(string name)
    {
        var rendering = Renderings.Named(name);
        foreach (var workload in Manifests.Workloads(rendering).Where(w => w.Kind != "Job"))
        {
            var selector = Manifests.MatchLabels(workload.Selector, workload.ToString());
            Assert.True(selector.Count > 0, $"{rendering}: {workload} has an empty selector");
            Assert.True(Manifests.Selects(selector, workload.PodLabels), $"{rendering}: {workload}'s selector does not match its pod template's labels");
            var others = Manifests.Workloads(rendering).Where(w => w != workload && Manifests.Selects(selector, w.PodLabels)).ToList();
            Assert.True(others.Count == 0, $"{rendering}: {workload}'s selector also matches the pods of {string.Join(", ", others)}");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void ProbesCheckHealthzOnTheHttpPortOfTheirContainer(string name)
    {
        var rendering = Renderings.Named(name);
        foreach (var workload in Manifests.Workloads(rendering).Where(w => w.Kind != "Job"))
        {
            foreach (var container in workload.MainContainers)
            {
                Assert.True(container.ReadinessProbe is not null && container.LivenessProbe is not null, $"{rendering}: {workload} container {container.Name} lacks a readiness or liveness probe");
                foreach (var (kind, probe) in new[] { ("readiness", container.ReadinessProbe), ("liveness", container.LivenessProbe), ("startup", container.StartupProbe) })
                {
                    if (probe is null) continue;
                    Assert.True(probe.HttpGet is not null, $"{rendering}: {workload} {kind} probe is not an HTTP GET");
                    Assert.Equal("/healthz", probe.HttpGet.Path);
                    var port = Manifests.Port(container, probe.HttpGet.Port);
                    Assert.True(port is not null, $"{rendering}: {workload} {kind} probe uses port {probe.HttpGet.Port.Value}, which container {container.Name} does not open");
                    Assert.Equal(HttpPort, port.ContainerPort);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void ContainerPortsAreThePortsTheProductListensOn(string name)
    {
        var rendering = Renderings.Named(name);
        var settings = JsonNode.Parse(File.ReadAllText(RepositoryPaths.SiloSettings))!;
        var siloPort = settings["Sems"]!["Listen"]!["SiloPort"]!.GetValue<int>();
        var gatewayPort = settings["Sems"]!["Listen"]!["GatewayPort"]!.GetValue<int>();

        var silo = Manifests.Component(rendering, "silo").MainContainers.Single();
        Assert.Equal(
            new SortedDictionary<string, int> { ["silo"] = siloPort, ["orleans-gw"] = gatewayPort, ["grpc"] = GrpcPort, ["http"] = HttpPort },
            new SortedDictionary<string, int>(silo.Ports.ToDictionary(p => p.Name, p => p.ContainerPort)));
        var gateway = Manifests.Component(rendering, "gateway").MainContainers.Single();
        Assert.Equal(
            new SortedDictionary<string, int> { ["grpc"] = GrpcPort, ["http"] = HttpPort },
            new SortedDictionary<string, int>(gateway.Ports.ToDictionary(p => p.Name, p => p.ContainerPort)));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EnvironmentVariablesNameKeysTheExecutableReads(string name)
    {
        var rendering = Renderings.Named(name);
        foreach (var workload in Manifests.Workloads(rendering))
        {
            foreach (var container in workload.Containers)
            {
                var env = container.Env ?? [];
                var repeated = env.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.True(repeated.Count == 0, $"{rendering}: {workload} container {container.Name} sets {string.Join(", ", repeated)} twice");
                var referenced = (container.Args ?? []).Concat(container.Command ?? []).Concat(env.Select(e => e.Value)).SelectMany(Manifests.References).ToHashSet();
                foreach (var variable in env)
                {
                    if (ConfigurationKeys.FromEnvironmentName(variable.Name) is { } key)
                    {
                        Assert.True(ConfigurationKeys.Known.Contains(key),
                            $"{rendering}: {workload} container {container.Name} sets {variable.Name}, i.e. the key {key}, which the executable does not read (known: {string.Join(", ", ConfigurationKeys.Known.Order())})");
                    }
                    else
                    {
                        // A variable without the prefix is only a building block for another value, or OpenTelemetry's own.
                        Assert.True(referenced.Contains(variable.Name) || variable.Name.StartsWith("OTEL_", StringComparison.Ordinal),
                            $"{rendering}: {workload} container {container.Name} sets {variable.Name}, which nothing reads (not SEMS_, not OTEL_, not referenced as $({variable.Name}))");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void VariableReferencesNameVariablesDefinedBefore(string name)
    {
        // Kubernetes leaves an unresolved $(NAME) as it is: the process would get the text "$(POD_IP)".
        var rendering = Renderings.Named(name);
        var checkedReferences = 0;
        foreach (var workload in Manifests.Workloads(rendering))
        {
            foreach (var container in workload.Containers)
            {
                var env = container.Env ?? [];
                for (var i = 0; i < env.Count; i++)
                {
                    foreach (var reference in Manifests.References(env[i].Value))
                    {
                        checkedReferences++;
                        Assert.True(env.Take(i).Any(e => e.Name == reference), $"{rendering}: {workload} container {container.Name}: {env[i].Name} uses $({reference}), not defined before it");
                    }
                }

                foreach (var reference in (container.Args ?? []).Concat(container.Command ?? []).SelectMany(Manifests.References))
                {
                    checkedReferences++;
                    Assert.True(env.Any(e => e.Name == reference), $"{rendering}: {workload} container {container.Name}'s arguments use $({reference}), which it does not define");
                }
            }
        }

        Assert.True(checkedReferences > 0, $"{rendering}: no $(VAR) reference found; the advertised address should come from $(POD_IP)");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EverySecretAndConfigMapKeyReferencedExists(string name)
    {
        var rendering = Renderings.Named(name);
        var secrets = rendering.OfType<V1Secret>().ToDictionary(
            s => s.Metadata.Name,
            s => (s.Data?.Keys ?? []).Concat(s.StringData?.Keys ?? []).ToHashSet(StringComparer.Ordinal));
        var configMaps = rendering.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name, c => (c.Data?.Keys ?? []).ToHashSet(StringComparer.Ordinal));
        var references = 0;

        void Check(string kind, Dictionary<string, HashSet<string>> objects, string objectName, string? key, string where)
        {
            references++;
            Assert.True(objects.TryGetValue(objectName, out var keys), $"{rendering}: {where} refers to the {kind} {objectName}, which is not rendered (there are: {string.Join(", ", objects.Keys)})");
            if (key is not null) Assert.True(keys.Contains(key), $"{rendering}: {where} refers to the key {key} of the {kind} {objectName}, which has only {string.Join(", ", keys)}");
        }

        foreach (var workload in Manifests.Workloads(rendering))
        {
            foreach (var container in workload.Containers)
            {
                foreach (var variable in container.Env ?? [])
                {
                    var where = $"{workload} container {container.Name} variable {variable.Name}";
                    if (variable.ValueFrom?.SecretKeyRef is { } secret) Check("Secret", secrets, secret.Name, secret.Key, where);
                    if (variable.ValueFrom?.ConfigMapKeyRef is { } map) Check("ConfigMap", configMaps, map.Name, map.Key, where);
                }

                foreach (var from in container.EnvFrom ?? [])
                {
                    if (from.SecretRef is { } secret) Check("Secret", secrets, secret.Name, null, $"{workload} container {container.Name} envFrom");
                    if (from.ConfigMapRef is { } map) Check("ConfigMap", configMaps, map.Name, null, $"{workload} container {container.Name} envFrom");
                }
            }

            foreach (var volume in workload.Template.Spec.Volumes ?? [])
            {
                var where = $"{workload} volume {volume.Name}";
                if (volume.ConfigMap is { } map)
                {
                    if (map.Items is not { Count: > 0 }) Check("ConfigMap", configMaps, map.Name, null, where);
                    foreach (var item in map.Items ?? []) Check("ConfigMap", configMaps, map.Name, item.Key, where);
                }

                if (volume.Secret is { } secret)
                {
                    if (secret.Items is not { Count: > 0 }) Check("Secret", secrets, secret.SecretName, null, where);
                    foreach (var item in secret.Items ?? []) Check("Secret", secrets, secret.SecretName, item.Key, where);
                }
            }

            // Every volume a container mounts is declared by the pod.
            foreach (var container in workload.Containers)
            {
                foreach (var mount in container.VolumeMounts ?? [])
                {
                    Assert.True(workload.Template.Spec.Volumes?.Any(v => v.Name == mount.Name) == true, $"{rendering}: {workload} container {container.Name} mounts {mount.Name}, which the pod does not declare");
                }
            }
        }

        // The connection string and the signing key reach every SEMS process that needs them.
        Assert.True(references >= 6, $"{rendering}: only {references} Secret/ConfigMap references found");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void SilosServeTheDistrictFilesOfTheExamples(string name)
    {
        var rendering = Renderings.Named(name);
        var silo = Manifests.Component(rendering, "silo");
        var container = silo.MainContainers.Single();
        Assert.Equal("serve", container.Args[0]);
        var files = container.Args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        var servedItems = new HashSet<string>();
        foreach (var file in files)
        {
            var mount = container.VolumeMounts.SingleOrDefault(m => file.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal));
            Assert.True(mount is not null, $"{rendering}: {silo} serves {file}, which is under no volume mount");
            var volume = silo.Template.Spec.Volumes.Single(v => v.Name == mount.Name);
            Assert.True(volume.ConfigMap is not null, $"{rendering}: {file} is not on a ConfigMap volume");
            var relative = file[(mount.MountPath.TrimEnd('/').Length + 1)..];
            var item = volume.ConfigMap.Items?.SingleOrDefault(i => i.Path == relative);
            var key = item?.Key ?? relative;
            servedItems.Add(key);
            var map = rendering.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == volume.ConfigMap.Name);
            Assert.True(map.Data.TryGetValue(key, out var json), $"{rendering}: the ConfigMap {map.Metadata.Name} has no key {key} for {file}");

            // The file the silo serves is the repository's example of that name, not a stale copy.
            var example = Path.Combine(RepositoryPaths.Examples, key);
            Assert.True(File.Exists(example), $"{rendering}: {key} is not one of the examples/ district files");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(example)), JsonNode.Parse(json)),
                $"{rendering}: {key} in the ConfigMap {map.Metadata.Name} differs from examples/{key}; copy it again into deploy/k8s/base/districts/");
        }

        // No district file is mounted without being served.
        var mounted = silo.Template.Spec.Volumes.Where(v => v.ConfigMap?.Items is not null).SelectMany(v => v.ConfigMap.Items).Select(i => i.Key).ToHashSet();
        Assert.Equal(mounted.Order(), servedItems.Order());
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EachDisruptionBudgetSelectsOneWorkloadAndTheSilosHaveOne(string name)
    {
        var rendering = Renderings.Named(name);
        foreach (var budget in rendering.OfType<V1PodDisruptionBudget>())
        {
            var selected = Manifests.Selected(rendering, budget.Spec.Selector, $"PodDisruptionBudget {budget.Metadata.Name}");
            Assert.True(selected.Count == 1, $"{rendering}: PodDisruptionBudget {budget.Metadata.Name} selects {selected.Count} workloads ({string.Join(", ", selected)})");
        }

        var silo = Manifests.Component(rendering, "silo");
        Assert.Equal("StatefulSet", silo.Kind);
        var siloBudgets = rendering.OfType<V1PodDisruptionBudget>()
            .Where(b => Manifests.Selected(rendering, b.Spec.Selector, b.Metadata.Name).Contains(silo)).ToList();
        var siloBudget = Assert.Single(siloBudgets);
        Assert.Equal("1", siloBudget.Spec.MaxUnavailable?.Value);
        Assert.Null(siloBudget.Spec.MinAvailable);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void TheAutoscalerTargetsADeploymentWithCpuRequests(string name)
    {
        var rendering = Renderings.Named(name);
        var autoscalers = rendering.OfType<V2HorizontalPodAutoscaler>().ToList();
        Assert.NotEmpty(autoscalers);
        foreach (var autoscaler in autoscalers)
        {
            var target = autoscaler.Spec.ScaleTargetRef;
            Assert.Equal(("apps/v1", "Deployment"), (target.ApiVersion, target.Kind));
            var deployment = rendering.OfType<V1Deployment>().SingleOrDefault(d => d.Metadata.Name == target.Name);
            Assert.True(deployment is not null, $"{rendering}: HorizontalPodAutoscaler {autoscaler.Metadata.Name} targets Deployment {target.Name}, which is not rendered");

            // A replica count in the Deployment would be reset by every apply, fighting the autoscaler.
            Assert.True(deployment.Spec.Replicas is null, $"{rendering}: Deployment {target.Name} sets replicas although an autoscaler scales it");
            Assert.True(autoscaler.Spec.MinReplicas is >= 1 && autoscaler.Spec.MinReplicas <= autoscaler.Spec.MaxReplicas,
                $"{rendering}: HorizontalPodAutoscaler {autoscaler.Metadata.Name} has minReplicas {autoscaler.Spec.MinReplicas} and maxReplicas {autoscaler.Spec.MaxReplicas}");

            var metric = Assert.Single(autoscaler.Spec.Metrics);
            Assert.Equal(("Resource", "cpu", "Utilization"), (metric.Type, metric.Resource.Name, metric.Resource.Target.Type));
            // CPU utilization is relative to the request: every container of the target needs one.
            foreach (var container in deployment.Spec.Template.Spec.Containers)
            {
                Assert.True(container.Resources?.Requests?.ContainsKey("cpu") == true, $"{rendering}: container {container.Name} of {target.Name} has no CPU request, so CPU utilization is undefined");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void TheSiloStatefulSetIsGovernedByAHeadlessServiceSelectingIt(string name)
    {
        var rendering = Renderings.Named(name);
        var statefulSet = rendering.OfType<V1StatefulSet>().Single();
        var service = rendering.OfType<V1Service>().SingleOrDefault(s => s.Metadata.Name == statefulSet.Spec.ServiceName);
        Assert.True(service is not null, $"{rendering}: StatefulSet {statefulSet.Metadata.Name} names the Service {statefulSet.Spec.ServiceName}, which is not rendered");
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.True(Manifests.Selects(service.Spec.Selector, statefulSet.Spec.Template.Metadata.Labels), $"{rendering}: Service {service.Metadata.Name} does not select the silo pods");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void PodsRunAsTheirServiceAccountWithoutAToken(string name)
    {
        var rendering = Renderings.Named(name);
        var accounts = rendering.OfType<V1ServiceAccount>().Select(a => a.Metadata.Name).ToHashSet();
        foreach (var workload in Manifests.Workloads(rendering))
        {
            Assert.True(accounts.Contains(workload.Template.Spec.ServiceAccountName ?? ""), $"{rendering}: {workload} runs as the ServiceAccount \"{workload.Template.Spec.ServiceAccountName}\", which is not rendered");
            Assert.False(workload.Template.Spec.AutomountServiceAccountToken ?? true, $"{rendering}: {workload} mounts a Kubernetes API token it does not use");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void TheGracePeriodCoversPreStopAndTheHostsShutdown(string name)
    {
        var rendering = Renderings.Named(name);
        foreach (var workload in Manifests.Workloads(rendering).Where(w => w.Kind != "Job"))
        {
            var preStop = workload.MainContainers.Max(c => c.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0);
            var grace = workload.Template.Spec.TerminationGracePeriodSeconds ?? 30;
            Assert.True(grace > preStop + ShutdownSeconds, $"{rendering}: {workload} has {grace} s to stop, not more than its preStop {preStop} s plus the host's {ShutdownSeconds} s shutdown");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryContainerHasRequestsWithinLimitsAndANonRootReadOnlyRoot(string name)
    {
        var rendering = Renderings.Named(name);
        foreach (var workload in Manifests.Workloads(rendering))
        {
            var pod = workload.Template.Spec.SecurityContext;
            Assert.True(pod?.RunAsNonRoot == true && pod.RunAsUser is > 0, $"{rendering}: {workload} does not run as a numeric non-root user");
            foreach (var container in workload.Containers)
            {
                var where = $"{rendering}: {workload} container {container.Name}";
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(container.Resources?.Requests?.ContainsKey(resource) == true && container.Resources.Limits?.ContainsKey(resource) == true,
                        $"{where} lacks a {resource} request or limit");
                    var requested = container.Resources!.Requests![resource].ToDecimal();
                    var limited = container.Resources.Limits![resource].ToDecimal();
                    Assert.True(requested > 0 && requested <= limited, $"{where} requests {requested} {resource} against a limit of {limited}");
                }

                var security = container.SecurityContext;
                Assert.True(security?.AllowPrivilegeEscalation == false && security.ReadOnlyRootFilesystem == true && security.Capabilities?.Drop?.Contains("ALL") == true,
                    $"{where} may escalate privileges, write its root filesystem or keep capabilities");
                // With a read-only root, .NET still needs a writable /tmp (its diagnostics socket).
                var tmp = container.VolumeMounts?.SingleOrDefault(m => m.MountPath == "/tmp");
                Assert.True(tmp is not null && tmp.ReadOnlyProperty != true && workload.Template.Spec.Volumes.Single(v => v.Name == tmp.Name).EmptyDir is not null,
                    $"{where} has a read-only root but no writable emptyDir at /tmp");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void NetworkPoliciesAdmitOnlySilosAndGatewaysToTheSilos(string name)
    {
        var rendering = Renderings.Named(name);
        var silo = Manifests.Component(rendering, "silo");
        var gateway = Manifests.Component(rendering, "gateway");
        var siloContainer = silo.MainContainers.Single();
        var policies = rendering.OfType<V1NetworkPolicy>().ToList();

        // Every SEMS pod is isolated for ingress by some policy.
        foreach (var workload in Manifests.Workloads(rendering))
        {
            Assert.True(policies.Any(p => p.Spec.PolicyTypes.Contains("Ingress") && Manifests.Selected(rendering, p.Spec.PodSelector, p.Metadata.Name).Contains(workload)),
                $"{rendering}: no NetworkPolicy isolates the pods of {workload}");
        }

        // What reaches the silos is the union of the rules of every policy selecting them: (source workload, port).
        var admitted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var policy in policies.Where(p => Manifests.Selected(rendering, p.Spec.PodSelector, p.Metadata.Name).Contains(silo)))
        {
            foreach (var rule in policy.Spec.Ingress ?? [])
            {
                Assert.True(rule.FromProperty is { Count: > 0 }, $"{rendering}: NetworkPolicy {policy.Metadata.Name} admits any source to the silos");
                Assert.True(rule.Ports is { Count: > 0 }, $"{rendering}: NetworkPolicy {policy.Metadata.Name} admits every port of the silos");
                foreach (var peer in rule.FromProperty)
                {
                    Assert.True(peer.IpBlock is null && peer.NamespaceSelector is null, $"{rendering}: NetworkPolicy {policy.Metadata.Name} admits sources outside the SEMS pods");
                    foreach (var source in Manifests.Selected(rendering, peer.PodSelector, policy.Metadata.Name))
                    {
                        foreach (var port in rule.Ports)
                        {
                            var opened = Manifests.Port(siloContainer, port.Port);
                            Assert.True(opened is not null, $"{rendering}: NetworkPolicy {policy.Metadata.Name} admits port {port.Port.Value}, which the silo does not open");
                            admitted.Add($"{source.Name}->{opened.Name}:{opened.ContainerPort}");
                        }
                    }
                }
            }
        }

        Assert.Equal(
            new SortedSet<string>(StringComparer.Ordinal) { $"{silo.Name}->silo:11111", $"{gateway.Name}->orleans-gw:30000" },
            admitted);
    }
}
