using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Constructs;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Observability;

/// <summary>
/// Every log group the lab writes to, created up front with retention (nothing is left to auto-creation):
/// one per service (streams <c>app/…</c> and <c>errors/…</c>), one for EMF metrics, one for the EKS control plane.
/// </summary>
public sealed class LabLogs : Construct
{
    private readonly Dictionary<LabService, LogGroup> _services = [];

    public LabLogs(Construct scope, string id, LabLogsProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        foreach (var service in LabTopology.All)
        {
            _services[service] = Group($"{service}", ServiceEnvironment.LogGroupName(service), props.Retention);
        }

        Metrics = Group("Metrics", MetricsLogGroupName, props.Retention);
        EksControlPlane = Group("EksControlPlane", $"/aws/eks/{props.ClusterName}/cluster", props.Retention);
    }

    /// <summary>Log group of the EMF metrics the collectors write.</summary>
    public const string MetricsLogGroupName = "/tracinglab/metrics";

    /// <summary>Application log group of a service.</summary>
    public LogGroup Service(LabService service) => _services[service];

    /// <summary>All application log groups.</summary>
    public IReadOnlyDictionary<LabService, LogGroup> Services => _services;

    /// <summary>EMF metrics.</summary>
    public LogGroup Metrics { get; }

    /// <summary>EKS control-plane logs (the name EKS writes to).</summary>
    public LogGroup EksControlPlane { get; }

    /// <summary>ARN pattern covering every lab log group and its streams, for scoped IAM statements.</summary>
    public static string LabLogGroupsArn(Stack stack) =>
        $"arn:{Aws.PARTITION}:logs:{stack.Region}:{stack.Account}:log-group:/tracinglab/*";

    private LogGroup Group(string id, string name, RetentionDays retention) => new(this, id, new LogGroupProps
    {
        LogGroupName = name,
        Retention = retention,
        RemovalPolicy = RemovalPolicy.DESTROY,
    });
}
