using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.IAM;

namespace TracingLab.Deploy.Faults;

/// <summary>Props of <see cref="FaultExperiment"/>.</summary>
public sealed class FaultExperimentProps
{
    /// <summary>The experiment's name: tagged as <c>Name=tracinglab-{name}</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Shown in the FIS console. Default: the name.</summary>
    public string? Description { get; init; }

    /// <summary>The actions and when each starts (zero, or at least one minute after the experiment's start).</summary>
    public required IReadOnlyList<(FisAction Action, TimeSpan Start)> Steps { get; init; }

    /// <summary>Every target the stack offers; the template holds only those its actions use.</summary>
    public required IReadOnlyDictionary<string, FisTarget> Targets { get; init; }

    /// <summary>The role FIS assumes.</summary>
    public required IRole Role { get; init; }

    /// <summary>The lab's alarms: any in ALARM stops the experiment.</summary>
    public required IReadOnlyList<IAlarm> StopAlarms { get; init; }
}
