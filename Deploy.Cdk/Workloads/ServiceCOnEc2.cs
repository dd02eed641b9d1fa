using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3.Assets;
using BlockDevice = Amazon.CDK.AWS.EC2.BlockDevice;
using BlockDeviceVolume = Amazon.CDK.AWS.EC2.BlockDeviceVolume;
using EbsDeviceOptions = Amazon.CDK.AWS.EC2.EbsDeviceOptions;
using EbsDeviceVolumeType = Amazon.CDK.AWS.EC2.EbsDeviceVolumeType;
using Constructs;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// Service C on EC2 in VPC C: an Auto Scaling group (min 1) from a launch template on Amazon Linux 2023, IMDSv2 only,
/// no SSH key (Session Manager instead), the app published self-contained as a CDK asset and installed by user data
/// with the ADOT collector and the CloudWatch agent; registered in every enabled link's NLB.
/// </summary>
public sealed class ServiceCOnEc2 : Construct
{
    /// <summary>Public SSM parameter of the latest Amazon Linux 2023 AMI, resolved at launch (no lookup at synth).</summary>
    public const string Al2023Parameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    public ServiceCOnEc2(Construct scope, string id, ServiceCOnEc2Props props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);

        var project = Path.Combine(props.RepositoryRoot, "ServiceC.Ec2");
        if (!File.Exists(Path.Combine(project, "ServiceC.Ec2.csproj")))
        {
            throw new ArgumentException($"ServiceC.Ec2/ServiceC.Ec2.csproj not found under repository root '{props.RepositoryRoot}'.", nameof(props));
        }

        AppAsset = new Asset(this, "App", new AssetProps
        {
            Path = project,
            AssetHash = DotnetPublishBundling.SourceHash(props.RepositoryRoot, "ServiceC.Ec2", "ServiceDefaults"),
            AssetHashType = AssetHashType.CUSTOM,
            Bundling = new BundlingOptions
            {
                // Only the local bundler runs (dotnet publish); the image is never pulled.
                Image = DockerImage.FromRegistry("local-bundling-only"),
                Local = new DotnetPublishBundling(Path.Combine(project, "ServiceC.Ec2.csproj")),
                OutputType = BundlingOutput.NOT_ARCHIVED,
            },
        });

        // Version-keyed: the download runs once per ADOT release, and only when CDK bundles this stack.
        AdotAsset = new Asset(this, "AdotRpm", new AssetProps
        {
            Path = Path.GetDirectoryName(GeneratedFile.Write("adot-rpm.txt", $"ADOT collector {LabImages.AdotVersion}: {LabImages.AdotRpmUrl}\n"))!,
            AssetHash = "adot-rpm-" + LabImages.AdotVersion,
            AssetHashType = AssetHashType.CUSTOM,
            Bundling = new BundlingOptions
            {
                Image = DockerImage.FromRegistry("local-bundling-only"),
                Local = new DownloadBundling([new Download(LabImages.AdotRpmUrl, LabImages.AdotRpmFile), new Download(LabImages.AdotKeyUrl, LabImages.AdotKeyFile)]),
                OutputType = BundlingOutput.NOT_ARCHIVED,
            },
        });

        Role = new Role(this, "InstanceRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")],
            Description = "Service C instances: Session Manager, telemetry, the app asset",
        });
        Nag.SuppressFindings(Role, "AwsSolutions-IAM4",
            "AmazonSSMManagedInstanceCore is the policy Session Manager documents; it replaces SSH keys.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore");
        _ = new TelemetryPolicy(this, "Telemetry", Role);
        _ = new Policy(this, "AppAssetRead", new PolicyProps
        {
            Roles = [Role],
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["s3:GetObject"],
                    Resources =
                    [
                        $"arn:{Aws.PARTITION}:s3:::{AppAsset.S3BucketName}/{AppAsset.S3ObjectKey}",
                        $"arn:{Aws.PARTITION}:s3:::{AdotAsset.S3BucketName}/{AdotAsset.S3ObjectKey}",
                    ],
                }),
            ],
        });

        var userData = UserData.ForLinux();
        userData.AddCommands(ServiceCUserData.Commands(AppAsset.S3ObjectUrl, AdotAsset.S3ObjectUrl, stack.Region, props.Links, props.TraceExport).ToArray());

        LaunchTemplate = new LaunchTemplate(this, "Template", new LaunchTemplateProps
        {
            MachineImage = MachineImage.ResolveSsmParameterAtLaunch(Al2023Parameter, new SsmParameterImageOptions { Os = OperatingSystemType.LINUX }),
            InstanceType = new InstanceType(props.InstanceType),
            Role = Role,
            UserData = userData,
            SecurityGroup = props.Vpc.WorkloadSecurityGroup,
            RequireImdsv2 = true,
            HttpPutResponseHopLimit = 1,
            BlockDevices =
            [
                new BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = BlockDeviceVolume.Ebs(20, new EbsDeviceOptions { Encrypted = true, VolumeType = EbsDeviceVolumeType.GP3 }),
                },
            ],
        });

        Group = new AutoScalingGroup(this, "Asg", new AutoScalingGroupProps
        {
            Vpc = props.Vpc.Vpc,
            VpcSubnets = new SubnetSelection { Subnets = props.Vpc.WorkloadSubnets.ToArray() },
            LaunchTemplate = LaunchTemplate,
            MinCapacity = props.MinCapacity,
            MaxCapacity = props.MaxCapacity,
            // Longer than the signal timeout: a bootstrap that fails is reported by its signal and fails the
            // deployment (rolled back), instead of the NLB health check replacing instance after instance forever.
            HealthCheck = Amazon.CDK.AWS.AutoScaling.HealthCheck.Elb(new ElbHealthCheckOptions { Grace = BootstrapTimeout.Plus(Duration.Minutes(5)) }),
            Signals = Signals.WaitForMinCapacity(new SignalsOptions { Timeout = BootstrapTimeout }),
            // A new asset or user data makes a new launch template version; the rolling update replaces the instances
            // one at a time and waits for each new one's signal.
            UpdatePolicy = UpdatePolicy.RollingUpdate(new RollingUpdateOptions
            {
                MaxBatchSize = 1,
                MinInstancesInService = props.MinCapacity,
                PauseTime = BootstrapTimeout,
            }),
            Cooldown = Duration.Seconds(120),
            Notifications = [new NotificationConfiguration { Topic = props.Alerts }],
        });
        // The boot script's exit code, success or not, is signalled to CloudFormation (cfn-signal, through VPC C's endpoint).
        userData.AddSignalOnExitCommand(Group);
        foreach (var ingress in props.Ingresses)
        {
            Group.AttachToNetworkTargetGroup(ingress.TargetGroup);
        }

        Group.ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = 60 });
    }

    /// <summary>How long an instance's boot script may take before its missing signal fails the deployment.</summary>
    public static Duration BootstrapTimeout => Duration.Minutes(15);

    /// <summary>The zipped self-contained publish of ServiceC.Ec2.</summary>
    public Asset AppAsset { get; }

    /// <summary>The ADOT collector rpm and its signing key, zipped (<see cref="DownloadBundling"/>).</summary>
    public Asset AdotAsset { get; }

    /// <summary>The instance role.</summary>
    public Role Role { get; }

    /// <summary>The launch template.</summary>
    public LaunchTemplate LaunchTemplate { get; }

    /// <summary>The Auto Scaling group.</summary>
    public AutoScalingGroup Group { get; }
}
