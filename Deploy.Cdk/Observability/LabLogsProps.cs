using Amazon.CDK.AWS.Logs;

namespace TracingLab.Deploy.Observability;

/// <summary>Props of <see cref="LabLogs"/>.</summary>
public sealed class LabLogsProps
{
    /// <summary>Retention of every lab log group. Default two weeks.</summary>
    public RetentionDays Retention { get; init; } = RetentionDays.TWO_WEEKS;

    /// <summary>Name of the EKS cluster whose control-plane log group is created here. Default <c>tracinglab</c>.</summary>
    public string ClusterName { get; init; } = "tracinglab";
}
