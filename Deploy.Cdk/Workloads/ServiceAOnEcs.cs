using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3.Assets;
using Amazon.CDK.AWS.SSM;
using Constructs;
using TracingLab.Deploy.Topology;
using Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// Service A on ECS Fargate in VPC A: the app, an ADOT collector sidecar (config from SSM) and a FireLens Fluent Bit
/// router; rolling deployments with circuit-breaker rollback; target-tracking autoscaling; an internal ALB in front.
/// </summary>
public sealed class ServiceAOnEcs : Construct
{
    public const string AppContainer = "app";
    public const string CollectorContainer = "adot-collector";
    public const string LogRouterContainer = "log-router";

    public ServiceAOnEcs(Construct scope, string id, ServiceAOnEcsProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);
        var vpc = props.Vpc.Vpc;
        var logGroup = props.Logs.Service(LabService.A);
        var subnets = new SubnetSelection { Subnets = props.Vpc.WorkloadSubnets.ToArray() };

        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

        TaskDefinition = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = 1024,
            MemoryLimitMiB = 2048,
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.X86_64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
            // AWS FIS's aws:ecs:task-network-* actions need pidMode task (FIS user guide, "ECS task actions"); the rest
            // of what they need is EcsFaultInjection's.
            PidMode = PidMode.TASK,
        });
        FaultInjection = new Faults.EcsFaultInjection(this, "FaultInjection", TaskDefinition, logGroup);
        _ = new TelemetryPolicy(this, "TaskTelemetry", TaskDefinition.TaskRole);
        CachedImagePull.Grant(TaskDefinition.ObtainExecutionRole());

        CollectorParameter = new StringParameter(this, "CollectorConfig", new StringParameterProps
        {
            ParameterName = "/tracinglab/adot/servicea",
            StringValue = CollectorConfig.Yaml(CollectorPlatform.Ecs, stack.Region, Observability.LabLogs.MetricsLogGroupName, props.TraceExport),
            Description = "ADOT collector config of service A (ECS), read at start as AOT_CONFIG_CONTENT",
        });

        var fireLensConfig = new Asset(this, "FireLensConfig", new AssetProps
        {
            Path = GeneratedFile.Write("firelens-servicea.conf", FluentBitConfig.EcsExtra(LabService.A)),
        });
        _ = new Policy(this, "FireLensConfigRead", new PolicyProps
        {
            Roles = [TaskDefinition.TaskRole],
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["s3:GetObject"],
                    Resources = [$"arn:{Aws.PARTITION}:s3:::{fireLensConfig.S3BucketName}/{fireLensConfig.S3ObjectKey}"],
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["s3:GetBucketLocation"],
                    Resources = [$"arn:{Aws.PARTITION}:s3:::{fireLensConfig.S3BucketName}"],
                }),
            ],
        });

        // The init process asks the config bucket for its region before reading the file and exits on any error
        // (aws/aws-for-fluent-bit, init/fluent_bit_init_process.go): VPC A's S3 endpoint must allow both, on that bucket only.
        props.Vpc.S3Endpoint.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "FireLensConfigBucketLocation",
            Principals = [new AnyPrincipal()],
            Actions = ["s3:GetBucketLocation"],
            Resources = [$"arn:{Aws.PARTITION}:s3:::{fireLensConfig.S3BucketName}"],
        }));

        var router = TaskDefinition.AddFirelensLogRouter(LogRouterContainer, new FirelensLogRouterDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(LabImages.Cached(stack.Account, stack.Region, LabImages.FluentBitInitImage)),
            FirelensConfig = new FirelensConfig { Type = FirelensLogRouterType.FLUENTBIT },
            Environment = new Dictionary<string, string>
            {
                ["AWS_REGION"] = stack.Region,
                ["aws_fluent_bit_init_s3_1"] = $"arn:{Aws.PARTITION}:s3:::{fireLensConfig.S3BucketName}/{fireLensConfig.S3ObjectKey}",
            },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = "firelens" }),
            MemoryReservationMiB = 64,
            Essential = true,
        });

        var collector = TaskDefinition.AddContainer(CollectorContainer, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(LabImages.Cached(stack.Account, stack.Region, LabImages.AdotCollectorImage)),
            Command = ["--config=env:AOT_CONFIG_CONTENT"],
            Secrets = new Dictionary<string, Amazon.CDK.AWS.ECS.Secret>
            {
                ["AOT_CONFIG_CONTENT"] = Amazon.CDK.AWS.ECS.Secret.FromSsmParameter(CollectorParameter),
            },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = "adot" }),
            // The image's /healthcheck binary asks health_check on 127.0.0.1:13133 (cmd/healthcheck in
            // aws-otel-collector), which is where the extension listens by default.
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD", "/healthcheck"],
                Interval = Duration.Seconds(10),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(10),
            },
            MemoryReservationMiB = 256,
            Essential = true,
        });

        var repository = Repository.FromRepositoryName(this, "Repository", LabImages.RepositoryName(LabService.A));
        var app = TaskDefinition.AddContainer(AppContainer, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromEcrRepository(repository, props.ImageTag),
            PortMappings = [new PortMapping { ContainerPort = LabTopology.ServicePort, Name = "http" }],
            Environment = new Dictionary<string, string>(ServiceEnvironment.For(LabService.A, props.Links)),
            Logging = LogDrivers.Firelens(new FireLensLogDriverProps
            {
                Options = new Dictionary<string, string>
                {
                    ["Name"] = "cloudwatch_logs",
                    ["region"] = stack.Region,
                    ["log_group_name"] = logGroup.LogGroupName,
                    ["log_stream_prefix"] = "app/",
                    ["log_key"] = "log",
                    ["auto_create_group"] = "false",
                },
            }),
            Essential = true,
        });
        app.AddContainerDependencies(
            new ContainerDependency { Container = collector, Condition = ContainerDependencyCondition.HEALTHY },
            new ContainerDependency { Container = router, Condition = ContainerDependencyCondition.START });
        if (TaskDefinition.ExecutionRole?.Node.TryFindChild("DefaultPolicy") is IConstruct executionPolicy)
        {
            Nag.SuppressFindings(executionPolicy, "AwsSolutions-IAM5",
                "CDK's ECR pull grant: ecr:GetAuthorizationToken has no resource-level permissions; image reads are limited " +
                "to tracinglab/servicea and log writes to the service's log group.", "Resource::*");
        }

        Nag.Suppress(TaskDefinition, ("AwsSolutions-ECS2",
            "The environment holds only non-secret settings (OTLP endpoint, service name, discovery URLs); the one " +
            "secret-like value, the collector config, comes from SSM as a secret."));

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = TaskDefinition,
            DesiredCount = props.DesiredCount,
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            VpcSubnets = subnets,
            SecurityGroups = [props.Vpc.WorkloadSecurityGroup],
            AssignPublicIp = false,
        });

        var albSg = new SecurityGroup(this, "AlbSg", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "Service A ALB: VPC A and the allowed CIDRs only",
            AllowAllOutbound = false,
        });
        albSg.AddIngressRule(Peer.Ipv4(props.Vpc.Cidr), Port.Tcp(80), "Clients inside VPC A");
        foreach (var cidr in props.AllowedIngressCidrs)
        {
            albSg.AddIngressRule(Peer.Ipv4(cidr.ToString()), Port.Tcp(80), "allowedIngressCidrs");
        }

        LoadBalancer = new ApplicationLoadBalancer(this, "Alb", new ApplicationLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = false,
            VpcSubnets = subnets,
            SecurityGroup = albSg,
            DropInvalidHeaderFields = true,
        });
        Nag.Suppress(LoadBalancer, ("AwsSolutions-ELB2",
            "Lab ALB: X-Ray traces and VPC flow logs record every request; access logs would need an S3 bucket per stack."));

        var listener = LoadBalancer.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = 80,
            Protocol = ApplicationProtocol.HTTP,
            Open = false,
        });
        TargetGroup = listener.AddTargets("Service", new AddApplicationTargetsProps
        {
            Port = LabTopology.ServicePort,
            Protocol = ApplicationProtocol.HTTP,
            // The app is not the task's first container (the log router is), so name it.
            Targets = [Service.LoadBalancerTarget(new LoadBalancerTargetOptions { ContainerName = AppContainer, ContainerPort = LabTopology.ServicePort })],
            DeregistrationDelay = Duration.Seconds(10),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = "/health",
                Protocol = Protocol.HTTP,
                Interval = Duration.Seconds(10),
                HealthyThresholdCount = 2,
            },
        });

        var scaling = Service.AutoScaleTaskCount(new Amazon.CDK.AWS.ApplicationAutoScaling.EnableScalingProps { MinCapacity = props.DesiredCount, MaxCapacity = props.MaxCount });
        scaling.ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = 60 });
        scaling.ScaleOnRequestCount("Requests", new RequestCountScalingProps { RequestsPerTarget = 500, TargetGroup = TargetGroup });

        _ = new CfnOutput(stack, "ServiceAUrl", new CfnOutputProps
        {
            Value = $"http://{LoadBalancer.LoadBalancerDnsName}",
            Description = "Service A's internal ALB (reachable from VPC A and allowedIngressCidrs)",
        });
    }

    /// <summary>The task definition (app, collector, log router, FIS's SSM agent).</summary>
    public FargateTaskDefinition TaskDefinition { get; }

    /// <summary>The ECS service.</summary>
    public FargateService Service { get; }

    /// <summary>The entry ALB.</summary>
    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>The ALB target group of the service.</summary>
    public ApplicationTargetGroup TargetGroup { get; }

    /// <summary>What AWS FIS's ECS task actions need: fault injection endpoints, the SSM agent sidecar and its roles.</summary>
    public Faults.EcsFaultInjection FaultInjection { get; }

    /// <summary>The SSM parameter with the collector config.</summary>
    public StringParameter CollectorParameter { get; }
}
