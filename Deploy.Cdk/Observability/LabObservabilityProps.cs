using Amazon.CDK.AWS.SNS;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Observability;

/// <summary>Props of <see cref="LabObservability"/>.</summary>
public sealed class LabObservabilityProps
{
    /// <summary>Enabled links: one X-Ray group and one dashboard row each.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>The lab's log groups.</summary>
    public required LabLogs Logs { get; init; }

    /// <summary>Where alarms go.</summary>
    public required ITopic Alerts { get; init; }

    /// <summary>Service A (its ALB carries the SLOs).</summary>
    public required ServiceAOnEcs ServiceA { get; init; }

    /// <summary>Service C's Auto Scaling group.</summary>
    public required ServiceCOnEc2 ServiceC { get; init; }

    /// <summary>Provider NLBs by (provider, link).</summary>
    public required IReadOnlyDictionary<(Topology.LabService, LinkKind), ServiceIngress> Ingresses { get; init; }

    /// <summary>Availability objective at A, in percent. Default 99.9.</summary>
    public double AvailabilityObjective { get; init; } = 99.9;

    /// <summary>p99 latency objective at A, in seconds. Default 1.</summary>
    public double LatencyObjectiveSeconds { get; init; } = 1;
}
