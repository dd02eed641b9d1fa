using k8s.Models;
using TracingLab.Contracts.Faults;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// What AWS FIS's <c>aws:eks:pod-*</c> actions need inside the cluster (FIS user guide, "Use the AWS FIS aws:eks:pod
/// actions"): a service account for the FIS pod in the target namespace, and a Role bound to it and to the user the FIS
/// role's access entry maps to. The network actions add an ephemeral container with NET_ADMIN to the target pod, which
/// only the <c>privileged</c> Pod Security level admits (baseline allows no NET_ADMIN): service B's namespace enforces
/// privileged exactly when a template uses them, and still audits and warns at restricted (docs/faults.md, "In AWS").
/// </summary>
public static class EksFaultInjection
{
    /// <summary>The Kubernetes service account FIS's pod runs as, and the user the FIS role's access entry maps to.</summary>
    public const string Identity = "fis-experiment";

    /// <summary>Why service B's namespace enforces privileged, written on it.</summary>
    public const string PrivilegedReason =
        "AWS FIS's aws:eks:pod-network-* actions inject an ephemeral container with NET_ADMIN into service B's pods; " +
        "Pod Security admits that capability only at privileged. Audit and warn stay restricted.";

    /// <summary>
    /// True when the lab's FIS templates include an <c>aws:eks:pod-network-*</c> action: always for the default
    /// templates (<c>eks-*</c>), and for an experiment file with any latency, jitter or loss (service B calls C over
    /// every link, <see cref="FisActionPlan.ForLinkFault"/>); a blackhole is a network action and needs nothing in the cluster.
    /// </summary>
    public static bool NeedsPodNetworkActions(Experiment? experiment) =>
        experiment is null || experiment.Faults.Any(f => f.Kind is FaultKind.Latency or FaultKind.Jitter or FaultKind.Loss);

    /// <summary>The service account, Role and RoleBinding, in <paramref name="ns"/>, with the FIS user guide's rules.</summary>
    public static IReadOnlyList<object> Objects(string ns) =>
    [
        new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta(ns) },
        new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = Meta(ns),
            Rules =
            [
                Rule("", "configmaps", "get", "create", "patch", "delete"),
                Rule("", "pods", "create", "list", "get", "delete", "deletecollection"),
                Rule("", "pods/ephemeralcontainers", "update"),
                Rule("", "pods/exec", "create"),
                Rule("apps", "deployments", "get"),
            ],
        },
        new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = Meta(ns),
            Subjects =
            [
                new Rbacv1Subject { Kind = "ServiceAccount", Name = Identity, NamespaceProperty = ns },
                new Rbacv1Subject { Kind = "User", Name = Identity, ApiGroup = "rbac.authorization.k8s.io" },
            ],
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = Identity },
        },
    ];

    private static V1ObjectMeta Meta(string ns) => new()
    {
        Name = Identity,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "tracinglab", ["app.kubernetes.io/name"] = Identity },
    };

    private static V1PolicyRule Rule(string group, string resource, params string[] verbs) =>
        new() { ApiGroups = [group], Resources = [resource], Verbs = verbs };
}
