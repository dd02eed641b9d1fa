using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using TracingLab.Deploy.Network;

namespace TracingLab.Deploy.Kubernetes;

/// <summary>Props of <see cref="ManifestApplier"/>.</summary>
public sealed class ManifestApplierProps
{
    /// <summary>VPC B: the project runs in its workload subnets, where the private Kubernetes API answers.</summary>
    public required LabVpc Vpc { get; init; }

    /// <summary>The cluster the manifests go to.</summary>
    public required CfnCluster Cluster { get; init; }

    /// <summary>The control plane's own group, which admits VPC B's workload subnets on 443.</summary>
    public required ISecurityGroup ControlPlaneSecurityGroup { get; init; }

    /// <summary>Service B's manifests.</summary>
    public required ServiceBManifestsProps Manifests { get; init; }

    /// <summary>kubectl release, within one minor version of the cluster (Kubernetes version skew policy). Default v1.35.0.</summary>
    public string KubectlVersion { get; init; } = "v1.35.0";
}
