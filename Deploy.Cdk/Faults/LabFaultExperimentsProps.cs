using Amazon.CDK.AWS.CloudWatch;
using TracingLab.Contracts.Faults;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Faults;

/// <summary>Props of <see cref="LabFaultExperiments"/>.</summary>
public sealed class LabFaultExperimentsProps
{
    /// <summary>The links deployed.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>An experiment file's timeline (validated for FIS by <see cref="Configuration.ExperimentContext"/>). Default
    /// none: one template per fault kind per platform instead.</summary>
    public Experiment? Experiment { get; init; }

    /// <summary>VPCs, link subnets and endpoints.</summary>
    public required LabNetwork Network { get; init; }

    /// <summary>Service A.</summary>
    public required ServiceAOnEcs ServiceA { get; init; }

    /// <summary>Service B.</summary>
    public required ServiceBOnEks ServiceB { get; init; }

    /// <summary>Service C.</summary>
    public required ServiceCOnEc2 ServiceC { get; init; }

    /// <summary>The lab's alarms, every template's stop conditions.</summary>
    public required IReadOnlyList<IAlarm> StopAlarms { get; init; }
}
