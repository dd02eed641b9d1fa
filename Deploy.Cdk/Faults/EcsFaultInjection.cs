using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// What AWS FIS's <c>aws:ecs:task-network-*</c> actions need in a Fargate task (FIS user guide, "Use the AWS FIS
/// aws:ecs:task actions", Requirements): the ECS fault injection endpoints and <c>pidMode: task</c> on the task
/// definition, and an SSM agent sidecar that registers the task as an SSM managed instance tagged <c>ECS_TASK_ARN</c>,
/// through which FIS runs its <c>AWSFIS-Run-Network-*-ECS</c> documents. The sidecar is not essential: if it cannot
/// register, the task serves as before and only the experiment fails.
/// </summary>
public sealed class EcsFaultInjection : Construct
{
    public const string SidecarContainer = "amazon-ssm-agent";

    /// <summary>The tag the FIS script puts on the activation (and so on the managed instance); the grants are scoped by it.</summary>
    public const string SidecarTag = "FAULT_INJECTION_SIDECAR";

    /// <summary>
    /// The SSM agent image the FIS user guide names (ECR Public amazon-ssm-agent/amazon-ssm-agent), through the
    /// pull-through cache and pinned as every lab image is, where the guide says <c>latest</c>. It is built on
    /// amazonlinux:latest (aws/amazon-ssm-agent, packaging/docker/Dockerfile), so the script picks dnf or yum.
    /// </summary>
    public const string SsmAgentImage = "amazon-ssm-agent/amazon-ssm-agent:3.2.2222.0";

    public EcsFaultInjection(Construct scope, string id, FargateTaskDefinition taskDefinition, ILogGroup logGroup)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(taskDefinition);
        var stack = Stack.Of(this);
        // CDK 2.160's L1 predates the EnableFaultInjection property of AWS::ECS::TaskDefinition.
        ((CfnTaskDefinition)taskDefinition.Node.DefaultChild!).AddPropertyOverride("EnableFaultInjection", true);

        // The role SSM gives the registered task: Systems Manager user guide, "Create the IAM service role required for
        // Systems Manager in hybrid environments" (trust ssm.amazonaws.com, confused-deputy conditions).
        ManagedInstanceRole = new Role(this, "ManagedInstanceRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ssm.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{Aws.PARTITION}:ssm:{stack.Region}:{stack.Account}:*" },
                },
            }),
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")],
            InlinePolicies = new Dictionary<string, PolicyDocument> { ["Cleanup"] = new(new PolicyDocumentProps { Statements = Cleanup(stack) }) },
            Description = "Service A's tasks registered in SSM for AWS FIS (aws:ecs:task-network-* actions)",
        });
        Nag.SuppressFindings(ManagedInstanceRole, "AwsSolutions-IAM4",
            "AmazonSSMManagedInstanceCore on the managed instance role is a requirement of the FIS user guide's ECS task actions.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore");
        Nag.SuppressFindings(ManagedInstanceRole, "AwsSolutions-IAM5", CleanupReason, CleanupFindings);

        TaskPolicy = new Policy(this, "Activation", new PolicyProps
        {
            Roles = [taskDefinition.TaskRole],
            Statements =
            [
                // CreateActivation takes no resource; the request's tags scope it (Service Authorization Reference, SSM).
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["ssm:CreateActivation", "ssm:AddTagsToResource"],
                    Resources = ["*"],
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { [$"aws:RequestTag/{SidecarTag}"] = "true" },
                    },
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["iam:PassRole"],
                    Resources = [ManagedInstanceRole.RoleArn],
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "ssm.amazonaws.com" },
                    },
                }),
                .. Cleanup(stack),
            ],
        });
        Nag.SuppressFindings(TaskPolicy, "AwsSolutions-IAM5",
            "ssm:CreateActivation has no resource-level permissions (Service Authorization Reference); it is allowed only " +
            $"with the {SidecarTag}=true tag the sidecar puts on it. " + CleanupReason,
            CleanupFindings);

        Sidecar = taskDefinition.AddContainer(SidecarContainer, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(LabImages.Cached(stack.Account, stack.Region, SsmAgentImage)),
            Essential = false,
            Command = ["/bin/bash", "-c", Script],
            Environment = new Dictionary<string, string>
            {
                ["MANAGED_INSTANCE_ROLE_NAME"] = ManagedInstanceRole.RoleName,
                ["AWS_REGION"] = stack.Region,
                // dnf takes repository variables from DNF_VAR_* (dnf.conf(5)); Amazon Linux 2023 reads its mirror list from
                // the regional al2023-repos bucket, which VPC A's S3 gateway endpoint allows.
                ["DNF_VAR_awsregion"] = stack.Region,
            },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = "fis-ssm-agent" }),
            MemoryReservationMiB = 128,
        });
    }

    /// <summary>The role the registered tasks run SSM documents as.</summary>
    public Role ManagedInstanceRole { get; }

    /// <summary>The task role's grants: create the activation, pass the managed instance role, clean up.</summary>
    public Policy TaskPolicy { get; }

    /// <summary>The SSM agent container.</summary>
    public ContainerDefinition Sidecar { get; }

    /// <summary>
    /// The FIS user guide's registration script, in its steps (with dnf or yum, whichever the image's Amazon Linux
    /// has): install jq, procps and the AWS CLI; read the task's ARN and AZ from the task metadata
    /// endpoint, create an activation tagged with them (one registration), register and run the agent, and on
    /// SIGTERM delete the activation and deregister, so stopped tasks leave no managed instance behind.
    /// </summary>
    public const string Script = """
        set -e
        $(command -v dnf || command -v yum) install -y jq procps awscli
        cleanup() {
          aws ssm delete-activation --activation-id "$ACTIVATION_ID" || echo "activation $ACTIVATION_ID not deleted" >&2
          INSTANCE_ID=$(jq -er .ManagedInstanceID /var/lib/amazon/ssm/registration) && aws ssm deregister-managed-instance --instance-id "$INSTANCE_ID" || echo "managed instance not deregistered" >&2
          kill -TERM "$AGENT_PID" 2>/dev/null || true
        }
        trap cleanup TERM INT
        META=$(curl -sf "$ECS_CONTAINER_METADATA_URI_V4/task")
        TASK_ARN=$(echo "$META" | jq -er .TaskARN)
        TASK_AZ=$(echo "$META" | jq -er .AvailabilityZone)
        ACTIVATION=$(aws ssm create-activation --iam-role "$MANAGED_INSTANCE_ROLE_NAME" --registration-limit 1 --tags Key=ECS_TASK_AVAILABILITY_ZONE,Value="$TASK_AZ" Key=ECS_TASK_ARN,Value="$TASK_ARN" Key=FAULT_INJECTION_SIDECAR,Value=true)
        ACTIVATION_ID=$(echo "$ACTIVATION" | jq -er .ActivationId)
        amazon-ssm-agent -register -code "$(echo "$ACTIVATION" | jq -er .ActivationCode)" -id "$ACTIVATION_ID" -region "$AWS_REGION"
        amazon-ssm-agent &
        AGENT_PID=$!
        wait "$AGENT_PID"
        """;

    private const string CleanupReason =
        "ssm:DeleteActivation has no resource-level permissions; managed instances get their mi- ids at registration, so " +
        "deregistration is scoped by the sidecar's tag instead of an ARN.";

    private static readonly string[] CleanupFindings =
        ["Resource::*", @"/^Resource::arn:<AWS::Partition>:ssm:[a-z0-9-]+:<AWS::AccountId>:managed-instance\/\*$/g"];

    // On SIGTERM the script's CLI signs with whichever credentials it finds first: the managed instance role's (the FIS
    // user guide grants these to it) or the task role's, so both may clean up.
    private static PolicyStatement[] Cleanup(Stack stack) =>
    [
        new(new PolicyStatementProps { Actions = ["ssm:DeleteActivation"], Resources = ["*"] }),
        new(new PolicyStatementProps
        {
            Actions = ["ssm:DeregisterManagedInstance"],
            Resources = [$"arn:{Aws.PARTITION}:ssm:{stack.Region}:{stack.Account}:managed-instance/*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { [$"aws:ResourceTag/{SidecarTag}"] = "true" },
            },
        }),
    ];
}
