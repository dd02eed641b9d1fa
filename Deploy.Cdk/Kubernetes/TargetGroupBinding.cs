using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace TracingLab.Deploy.Kubernetes;

/// <summary>
/// The AWS Load Balancer Controller's TargetGroupBinding (elbv2.k8s.aws/v1beta1): registers a Service's pods in a
/// target group made outside Kubernetes — here, a provider NLB's target group, found by its fixed name.
/// </summary>
[KubernetesEntity(Group = "elbv2.k8s.aws", Kind = "TargetGroupBinding", ApiVersion = "v1beta1", PluralName = "targetgroupbindings")]
public sealed class TargetGroupBinding : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "elbv2.k8s.aws/v1beta1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "TargetGroupBinding";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TargetGroupBindingSpec Spec { get; set; } = new();
}

/// <summary>Spec of <see cref="TargetGroupBinding"/>.</summary>
public sealed class TargetGroupBindingSpec
{
    [JsonPropertyName("serviceRef")]
    public TargetGroupBindingServiceRef ServiceRef { get; set; } = new();

    /// <summary>Target group name (supported by recent controller versions; ARNs are only known after deploy).</summary>
    [JsonPropertyName("targetGroupName")]
    public string TargetGroupName { get; set; } = "";

    [JsonPropertyName("targetType")]
    public string TargetType { get; set; } = "ip";
}

/// <summary>The Service whose endpoints are registered.</summary>
public sealed class TargetGroupBindingServiceRef
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("port")]
    public int Port { get; set; }
}
