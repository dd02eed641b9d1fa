namespace TracingLab.Deploy.Faults;

/// <summary>Where an AWS FIS action lands: a link's network, or one of the three workloads.</summary>
public enum FaultPlatform
{
    /// <summary>The link itself: its subnets' network ACLs, or its interface endpoints.</summary>
    Network,

    /// <summary>Service A's Fargate tasks.</summary>
    Ecs,

    /// <summary>Service B's pods.</summary>
    Eks,

    /// <summary>Service C's instances, through SSM documents.</summary>
    Ec2,
}
