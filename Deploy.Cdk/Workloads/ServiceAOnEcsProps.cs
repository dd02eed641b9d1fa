using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Observability;

namespace TracingLab.Deploy.Workloads;

/// <summary>Props of <see cref="ServiceAOnEcs"/>.</summary>
public sealed class ServiceAOnEcsProps
{
    /// <summary>VPC A.</summary>
    public required LabVpc Vpc { get; init; }

    /// <summary>Enabled links: one discovery entry per provider and link.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>The lab's log groups.</summary>
    public required LabLogs Logs { get; init; }

    /// <summary>Tag of <c>tracinglab/servicea</c> to run.</summary>
    public required string ImageTag { get; init; }

    /// <summary>How the collector sends traces (<c>-c traceExport</c>).</summary>
    public required TraceExport TraceExport { get; init; }

    /// <summary>CIDRs besides VPC A allowed to reach the ALB on port 80. Default none.</summary>
    public IReadOnlyList<Ipv4Cidr> AllowedIngressCidrs { get; init; } = [];

    /// <summary>Tasks to run at rest. Default 2.</summary>
    public int DesiredCount { get; init; } = 2;

    /// <summary>Upper bound for autoscaling. Default 6.</summary>
    public int MaxCount { get; init; } = 6;
}
