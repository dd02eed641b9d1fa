using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using TracingLab.Deploy.Observability;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// What a collector or log router needs, and nothing more (FACTS.md, "ADOT collector and IAM"): the X-Ray write and
/// sampling actions, and log writes scoped to the lab's log groups. Attached to a task, pod or instance role —
/// never to an ECS execution role.
/// </summary>
public sealed class TelemetryPolicy : Construct
{
    public TelemetryPolicy(Construct scope, string id, IRole role, bool xray = true, bool logs = true)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(role);
        var stack = Stack.Of(this);
        var statements = new List<PolicyStatement>();
        if (xray)
        {
            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "XRayWrite",
                Actions =
                [
                    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                    "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
                ],
                Resources = ["*"],
            }));
        }

        if (logs)
        {
            var groups = LabLogs.LabLogGroupsArn(stack);
            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "LabLogsWrite",
                Actions = ["logs:PutLogEvents", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:DescribeLogGroups"],
                Resources = [groups, groups + ":*"],
            }));
        }

        Policy = new Policy(this, "Policy", new PolicyProps { Statements = statements.ToArray(), Roles = [role] });
        var findings = new List<string>();
        if (xray)
        {
            findings.Add("Resource::*");
        }

        if (logs)
        {
            findings.Add(@"/^Resource::arn:<AWS::Partition>:logs:[a-z0-9-]+:<AWS::AccountId>:log-group:\/tracinglab\/\*(:\*)?$/g");
        }

        Nag.SuppressFindings(Policy, "AwsSolutions-IAM5",
            "X-Ray trace and sampling actions support no resource-level permissions (Resource must be *); log writes are " +
            "scoped to the lab's /tracinglab/* groups, whose streams are named at run time.", findings.ToArray());
    }

    /// <summary>The policy.</summary>
    public Policy Policy { get; }
}
