using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// The role AWS FIS assumes for the lab's templates: the permissions the FIS actions reference lists for each action
/// the templates use, scoped to the lab's cluster, instances, subnets and endpoints where the action takes a resource,
/// and to FIS's own managedByFIS tag for the network ACLs and security groups it creates.
/// </summary>
public sealed class FisRole : Construct
{
    private const string FisTag = "managedByFIS";

    public FisRole(Construct scope, string id, FisRoleProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);
        string Arn(string service, string resource) => $"arn:{Aws.PARTITION}:{service}:{stack.Region}:{stack.Account}:{resource}";

        // Confused-deputy guard from the FIS user guide: only experiments of this account may assume the role.
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("fis.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = Arn("fis", "experiment/*") },
                },
            }),
            Description = "AWS FIS experiments of TracingLab: link and workload network faults",
        });

        var statements = new List<PolicyStatement>
        {
            // Describe and list calls take no resource; ListCommands/CancelCommand neither.
            Allow(["ec2:DescribeInstances", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeNetworkAcls",
                "ec2:DescribeManagedPrefixLists", "ec2:DescribeVpcEndpoints", "ec2:DescribeSecurityGroups",
                "ecs:DescribeContainerInstances", "ssm:ListCommands", "ssm:CancelCommand", "tag:GetResources"], ["*"]),
            Allow(["ecs:DescribeTasks", "ecs:ListTasks"], ["*"], ("ArnEquals", "ecs:cluster", props.EcsClusterArn)),
            Allow(["eks:DescribeCluster"], [props.EksClusterArn]),
            Allow(["ssm:SendCommand"], [.. props.DocumentArns]),
            Allow(["ssm:SendCommand"], [Arn("ec2", "instance/*")], ("StringEquals", $"aws:ResourceTag/{props.Ec2Tag.Key}", props.Ec2Tag.Value)),
            // Fargate tasks reached through SSM are managed instances and tasks of the lab's cluster.
            Allow(["ssm:SendCommand"], [Arn("ssm", "managed-instance/*"), Arn("ecs", $"task/{props.EcsClusterName}/*")]),
        };

        if (props.SubnetArns.Count > 0)
        {
            statements.Add(Allow(["ec2:CreateNetworkAcl"], [Arn("ec2", "network-acl/*")], ("StringEquals", $"aws:RequestTag/{FisTag}", "true")));
            statements.Add(Allow(["ec2:CreateNetworkAcl"], [Arn("ec2", "vpc/*")]));
            statements.Add(Allow(["ec2:CreateTags"], [Arn("ec2", "network-acl/*")], ("StringEquals", "ec2:CreateAction", "CreateNetworkAcl")));
            statements.Add(Allow(["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"], [Arn("ec2", "network-acl/*")],
                ("StringEquals", $"aws:ResourceTag/{FisTag}", "true")));
            statements.Add(Allow(["ec2:ReplaceNetworkAclAssociation"], [Arn("ec2", "network-acl/*"), .. props.SubnetArns]));
        }

        if (props.EndpointArns.Count > 0)
        {
            statements.Add(Allow(["ec2:ModifyVpcEndpoint"], [Arn("ec2", "security-group/*"), .. props.EndpointArns]));
            statements.Add(Allow(["ec2:CreateSecurityGroup"], [Arn("ec2", "security-group/*"), Arn("ec2", "vpc/*")]));
            statements.Add(Allow(["ec2:DeleteSecurityGroup", "ec2:RevokeSecurityGroupEgress"], [Arn("ec2", "security-group/*")]));
            statements.Add(Allow(["ec2:CreateTags"], [Arn("ec2", "security-group/*")], ("StringEquals", "ec2:CreateAction", "CreateSecurityGroup")));
        }

        Policy = new Policy(this, "Policy", new PolicyProps { Statements = [.. statements] });
        Policy.AttachToRole(Role);
        Nag.SuppressFindings(Policy, "AwsSolutions-IAM5",
            "The FIS actions reference's permissions: Describe/List calls take no resource; network ACLs, security groups, " +
            "tasks and managed instances are created or named by FIS at run time, so they are scoped by FIS's managedByFIS " +
            "tag, the lab's cluster or the instance tag instead of an ARN.",
            "Resource::*",
            @"/^Resource::arn:<AWS::Partition>:(ec2|ecs|ssm|fis):[a-z0-9-]+:<AWS::AccountId>:(network-acl|security-group|vpc|instance|managed-instance|experiment|task\/<[A-Za-z0-9]+>)\/\*$/g");
    }

    /// <summary>The role.</summary>
    public Role Role { get; }

    /// <summary>Its inline policy.</summary>
    public Policy Policy { get; }

    private static PolicyStatement Allow(string[] actions, string[] resources, (string Operator, string Key, string Value)? condition = null)
    {
        var statement = new PolicyStatement(new PolicyStatementProps { Effect = Effect.ALLOW, Actions = actions, Resources = resources });
        if (condition is { } c)
        {
            statement.AddCondition(c.Operator, new Dictionary<string, object> { [c.Key] = c.Value });
        }

        return statement;
    }
}
