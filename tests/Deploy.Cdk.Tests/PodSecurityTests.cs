using System.Diagnostics;
using k8s.Models;
using TracingLab.Deploy.Kubernetes;

namespace TracingLab.Deploy.Tests;

/// <summary>
/// Service B's manifests against the Pod Security Standards "restricted" profile (kubernetes.io/docs/concepts/security/
/// pod-security-standards), which its namespace audits and warns at, and enforces unless AWS FIS's pod network actions
/// are deployed; and against the Kubernetes schema (kubernetes-models, npm harness in tests/cdk-harness/k8s-schema).
/// </summary>
[Collection(SynthCollection.Name)]
public class PodSecurityTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    private IEnumerable<(string Name, string Namespace, V1PodSpec Spec)> Pods() =>
        ServiceBManifests.Build(lab.Stacks[AllLinks].ServiceB.ManifestProps).SelectMany(f => f.Objects).Select(o => o switch
        {
            V1Deployment d => (Name: d.Metadata.Name, Namespace: d.Metadata.NamespaceProperty, Spec: d.Spec.Template.Spec),
            V1DaemonSet d => (Name: d.Metadata.Name, Namespace: d.Metadata.NamespaceProperty, Spec: d.Spec.Template.Spec),
            _ => (Name: "", Namespace: "", Spec: null!),
        }).Where(p => p.Spec is not null);

    [Fact]
    public void PodsInTheRestrictedNamespaceMeetTheRestrictedProfile()
    {
        var restricted = Pods().Where(p => p.Namespace == "tracinglab").ToList();
        Assert.Equal(["adot-collector", "serviceb"], restricted.Select(p => p.Name).Order());
        var violations = restricted.SelectMany(p => Violations(p.Spec).Select(v => $"{p.Name}: {v}")).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void TheOnlyPrivilegedDaemonSetSaysWhyAndLivesInItsOwnPrivilegedNamespace()
    {
        var objects = ServiceBManifests.Build(lab.Stacks[AllLinks].ServiceB.ManifestProps).SelectMany(f => f.Objects).ToList();
        var others = Pods().Where(p => p.Namespace != "tracinglab").ToList();
        Assert.Equal(["fluent-bit"], others.Select(p => p.Name));
        var daemonSet = objects.OfType<V1DaemonSet>().Single();
        Assert.Contains("hostPath", daemonSet.Metadata.Annotations["tracinglab/privileged-because"]);
        var ns = objects.OfType<V1Namespace>().Single(n => n.Metadata.Name == daemonSet.Metadata.NamespaceProperty);
        Assert.Equal("privileged", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        // Service B's namespace audits and warns at restricted; it enforces privileged only for AWS FIS's pod network
        // actions (FaultInjectionSetupTests), which the default templates use.
        var labels = objects.OfType<V1Namespace>().Single(n => n.Metadata.Name == "tracinglab").Metadata.Labels;
        Assert.Equal(["restricted", "restricted"], new[] { labels["pod-security.kubernetes.io/audit"], labels["pod-security.kubernetes.io/warn"] });
        Assert.Equal("privileged", labels["pod-security.kubernetes.io/enforce"]);
        var container = daemonSet.Spec.Template.Spec.Containers.Single();
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.NotNull(container.LivenessProbe?.HttpGet);
    }

    [Fact]
    public async Task ManifestsMatchTheKubernetesSchema()
    {
        var dir = Path.Combine(lab.OutDir, "k8s-schema-check");
        ServiceBManifests.Write(dir, lab.Stacks[AllLinks].ServiceB.ManifestProps);
        var harness = NagTests.FindHarnessDir("k8s-schema", "validate.js");
        Assert.True(Directory.Exists(Path.Combine(harness, "node_modules", "kubernetes-models")),
            $"kubernetes-models is not installed in {harness}: run `npm ci --prefix tests/cdk-harness/k8s-schema` first.");
        var start = new ProcessStartInfo("node", [Path.Combine(harness, "validate.js"), dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("0 invalid, 3 skipped", output);
    }

    /// <summary>The restricted profile's checks, for a pod spec.</summary>
    public static IEnumerable<string> Violations(V1PodSpec pod)
    {
        if (pod.HostNetwork == true || pod.HostPID == true || pod.HostIPC == true)
        {
            yield return "host namespaces";
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.HostPath is not null)
            {
                yield return $"hostPath volume {volume.Name}";
            }
        }

        foreach (var c in pod.Containers.Concat(pod.InitContainers ?? []))
        {
            var sc = c.SecurityContext;
            var user = sc?.RunAsUser ?? pod.SecurityContext?.RunAsUser;
            if (user is null or 0)
            {
                yield return $"{c.Name}: no numeric non-root runAsUser (the kubelet cannot check a user name)";
            }

            if ((sc?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) != true)
            {
                yield return $"{c.Name}: runAsNonRoot is not true";
            }

            if (sc?.AllowPrivilegeEscalation != false)
            {
                yield return $"{c.Name}: allowPrivilegeEscalation is not false";
            }

            if (sc?.Privileged == true)
            {
                yield return $"{c.Name}: privileged";
            }

            if ((sc?.SeccompProfile?.Type ?? pod.SecurityContext?.SeccompProfile?.Type) is not ("RuntimeDefault" or "Localhost"))
            {
                yield return $"{c.Name}: seccompProfile is not RuntimeDefault or Localhost";
            }

            if (sc?.Capabilities?.Drop?.Contains("ALL") != true || (sc.Capabilities.Add ?? []).Any(a => a != "NET_BIND_SERVICE"))
            {
                yield return $"{c.Name}: capabilities not dropped to ALL (only NET_BIND_SERVICE may be added)";
            }
        }
    }
}
