namespace TracingLab.Deploy.Faults;

/// <summary>Props of <see cref="FisRole"/>: the resources the lab's templates act on, for scoping the grants.</summary>
public sealed class FisRoleProps
{
    /// <summary>Service A's ECS cluster ARN.</summary>
    public required string EcsClusterArn { get; init; }

    /// <summary>Service A's ECS cluster name (task ARNs carry it).</summary>
    public required string EcsClusterName { get; init; }

    /// <summary>Service B's EKS cluster ARN.</summary>
    public required string EksClusterArn { get; init; }

    /// <summary>Tag key and value on service C's instances; SendCommand is allowed on tagged instances only.</summary>
    public required (string Key, string Value) Ec2Tag { get; init; }

    /// <summary>ARNs of the routed links' subnets (whose network ACL association FIS swaps). Default none.</summary>
    public IReadOnlyList<string> SubnetArns { get; init; } = [];

    /// <summary>ARNs of the PrivateLink interface endpoints (whose security groups FIS swaps). Default none.</summary>
    public IReadOnlyList<string> EndpointArns { get; init; } = [];

    /// <summary>ARNs of the SSM documents the templates run.</summary>
    public required IReadOnlyList<string> DocumentArns { get; init; }
}
