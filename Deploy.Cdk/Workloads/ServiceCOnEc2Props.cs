using Amazon.CDK.AWS.SNS;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Observability;

namespace TracingLab.Deploy.Workloads;

/// <summary>Props of <see cref="ServiceCOnEc2"/>.</summary>
public sealed class ServiceCOnEc2Props
{
    /// <summary>VPC C.</summary>
    public required LabVpc Vpc { get; init; }

    /// <summary>Enabled links.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>Service C's NLBs, one per enabled link; the group registers its instances in each.</summary>
    public required IReadOnlyList<ServiceIngress> Ingresses { get; init; }

    /// <summary>The lab's log groups.</summary>
    public required LabLogs Logs { get; init; }

    /// <summary>How the collector sends traces (<c>-c traceExport</c>).</summary>
    public required TraceExport TraceExport { get; init; }

    /// <summary>Topic for Auto Scaling notifications.</summary>
    public required ITopic Alerts { get; init; }

    /// <summary>Repository root holding ServiceC.Ec2 (published self-contained as a CDK asset).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Instance type. Default t3.small.</summary>
    public string InstanceType { get; init; } = "t3.small";

    /// <summary>Smallest group size. Default 1.</summary>
    public int MinCapacity { get; init; } = 1;

    /// <summary>Largest group size. Default 3.</summary>
    public int MaxCapacity { get; init; } = 3;
}
