using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using TracingLab.Deploy.Kubernetes;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// Service B's platform on EKS, all L1 (the L2 cluster needs a kubectl layer that is not available): the cluster in
/// VPC B's workload subnets, a managed node group, the core add-ons plus the Pod Identity agent, access entries and
/// Pod Identity roles for the app, the collector, Fluent Bit and the AWS Load Balancer Controller. The Kubernetes
/// objects themselves are generated as YAML (<see cref="ServiceBManifests"/>).
/// </summary>
public sealed class ServiceBOnEks : Construct
{
    public const string LoadBalancerControllerAccount = "aws-load-balancer-controller";

    private static readonly string[] NodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy"];

    private static readonly string[] ControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    public ServiceBOnEks(Construct scope, string id, ServiceBOnEksProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);
        var subnetIds = props.Vpc.WorkloadSubnets.Select(s => s.SubnetId).ToArray();

        var clusterRole = new Role(this, "ClusterRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("eks.amazonaws.com"),
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("AmazonEKSClusterPolicy")],
        });
        Nag.SuppressFindings(clusterRole, "AwsSolutions-IAM4", "AmazonEKSClusterPolicy is the policy EKS documents for the cluster role.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy");

        // The control plane's own group: the API on 443 from VPC B's workload subnets (e.g. a CloudShell VPC environment
        // there). Nodes keep only the EKS-managed cluster group, so they never inherit this opening.
        ControlPlaneSecurityGroup = new SecurityGroup(this, "ControlPlaneSg", new SecurityGroupProps
        {
            Vpc = props.Vpc.Vpc,
            Description = "EKS control plane: Kubernetes API from VPC B's workload subnets",
            AllowAllOutbound = false,
        });
        foreach (var subnet in props.Vpc.WorkloadSubnets)
        {
            ControlPlaneSecurityGroup.AddIngressRule(Peer.Ipv4(subnet.Ipv4CidrBlock), Port.Tcp(443), "Kubernetes API from VPC B");
        }

        var publicApi = props.PublicApiCidrs.Count > 0;
        Cluster = new CfnCluster(this, "Cluster", new CfnClusterProps
        {
            Name = props.ClusterName,
            Version = props.KubernetesVersion,
            RoleArn = clusterRole.RoleArn,
            ResourcesVpcConfig = new CfnCluster.ResourcesVpcConfigProperty
            {
                SubnetIds = subnetIds,
                SecurityGroupIds = [ControlPlaneSecurityGroup.SecurityGroupId],
                EndpointPrivateAccess = true,
                EndpointPublicAccess = publicApi,
                PublicAccessCidrs = publicApi ? props.PublicApiCidrs.Select(c => c.ToString()).ToArray() : null,
            },
            AccessConfig = new CfnCluster.AccessConfigProperty
            {
                AuthenticationMode = "API",
                // The creator would be CloudFormation's execution role; admins get explicit access entries instead.
                BootstrapClusterCreatorAdminPermissions = false,
            },
            Logging = new CfnCluster.LoggingProperty
            {
                ClusterLogging = new CfnCluster.ClusterLoggingProperty
                {
                    EnabledTypes = ControlPlaneLogTypes
                        .Select(t => (object)new CfnCluster.LoggingTypeConfigProperty { Type = t }).ToArray(),
                },
            },
        });
        Cluster.Node.AddDependency(props.Logs.EksControlPlane);
        if (publicApi)
        {
            Nag.Suppress(Cluster, ("AwsSolutions-EKS1",
                "The public API endpoint is on only when allowedIngressCidrs is given, and then open to those CIDRs only."));
        }

        NodeRole = new Role(this, "NodeRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            ManagedPolicies =
            [
                .. NodePolicies.Select(ManagedPolicy.FromAwsManagedPolicyName),
            ],
        });
        Nag.SuppressFindings(NodeRole, "AwsSolutions-IAM4",
            "The three AWS managed policies EKS documents for managed node groups (worker, ECR read, VPC CNI).",
            NodePolicies.Select(p => $"Policy::arn:<AWS::Partition>:iam::aws:policy/{p}").ToArray());
        CachedImagePull.Grant(NodeRole);

        var launchTemplate = new CfnLaunchTemplate(this, "NodeTemplate", new CfnLaunchTemplateProps
        {
            LaunchTemplateData = new CfnLaunchTemplate.LaunchTemplateDataProperty
            {
                // Hop limit 1: pods cannot borrow the node's credentials from IMDS; they use Pod Identity.
                MetadataOptions = new CfnLaunchTemplate.MetadataOptionsProperty { HttpTokens = "required", HttpPutResponseHopLimit = 1 },
                SecurityGroupIds = [Cluster.AttrClusterSecurityGroupId, props.Vpc.WorkloadSecurityGroup.SecurityGroupId],
                BlockDeviceMappings = new object[]
                {
                    new CfnLaunchTemplate.BlockDeviceMappingProperty
                    {
                        DeviceName = "/dev/xvda",
                        Ebs = new CfnLaunchTemplate.EbsProperty { VolumeSize = 30, VolumeType = "gp3", Encrypted = true },
                    },
                },
            },
        });

        NodeGroup = new CfnNodegroup(this, "Nodes", new CfnNodegroupProps
        {
            ClusterName = Cluster.Ref,
            NodeRole = NodeRole.RoleArn,
            Subnets = subnetIds,
            AmiType = "AL2023_x86_64_STANDARD",
            CapacityType = "ON_DEMAND",
            InstanceTypes = [props.InstanceType],
            ScalingConfig = new CfnNodegroup.ScalingConfigProperty { MinSize = 2, DesiredSize = 2, MaxSize = 4 },
            LaunchTemplate = new CfnNodegroup.LaunchTemplateSpecificationProperty
            {
                Id = launchTemplate.Ref,
                Version = launchTemplate.AttrLatestVersionNumber,
            },
        });

        // metrics-server (for the HPA) is the EKS community add-on: its image comes from an AWS registry that the ECR
        // endpoints reach, where the upstream components.yaml would pull from registry.k8s.io (no route without NAT).
        foreach (var addon in new[] { "vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent", "metrics-server" })
        {
            var cfnAddon = new CfnAddon(this, "Addon-" + addon, new CfnAddonProps
            {
                ClusterName = Cluster.Ref,
                AddonName = addon,
                ResolveConflicts = "OVERWRITE",
                ConfigurationValues = addon == "vpc-cni" && props.SnatExcludedCidrs.Count > 0
                    ? VpcCniConfiguration(props.SnatExcludedCidrs)
                    : null,
            });
            // Add-ons report healthy only once nodes run their pods.
            cfnAddon.AddDependency(NodeGroup);
        }

        // Nobody is admin by creation (BootstrapClusterCreatorAdminPermissions is off), so someone must be by entry:
        // eksAdminArn when given, else a role of this account that the operator assumes for kubectl.
        var admin = props.AdminPrincipalArn;
        if (admin is null)
        {
            AdminRole = new Role(this, "AdminRole", new RoleProps
            {
                // Principals of this account only, and never the CI/CD roles or CDK's bootstrap roles: CI applies
                // manifests through the CodeBuild project's own access entry, so nothing automated needs this role.
                AssumedBy = new AccountRootPrincipal().WithConditions(new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalAccount"] = stack.Account },
                    ["ArnNotLike"] = new Dictionary<string, object>
                    {
                        ["aws:PrincipalArn"] = new[]
                        {
                            $"arn:{Aws.PARTITION}:iam::{stack.Account}:role/tracinglab-github-*",
                            $"arn:{Aws.PARTITION}:iam::{stack.Account}:role/cdk-*",
                        },
                    },
                }),
                Description = "TracingLab kubectl: cluster-admin on the tracinglab EKS cluster through an access entry",
                MaxSessionDuration = Duration.Hours(4),
            });
            admin = AdminRole.RoleArn;
            _ = new CfnOutput(stack, "EksAdminRoleArn", new CfnOutputProps
            {
                Value = AdminRole.RoleArn,
                Description = "aws eks update-kubeconfig --name tracinglab --role-arn <this>",
            });
        }

        _ = new CfnAccessEntry(this, "AdminAccess", new CfnAccessEntryProps
        {
            ClusterName = Cluster.Ref,
            PrincipalArn = admin,
            Type = "STANDARD",
            AccessPolicies = new object[]
            {
                new CfnAccessEntry.AccessPolicyProperty
                {
                    PolicyArn = $"arn:{Aws.PARTITION}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                    AccessScope = new CfnAccessEntry.AccessScopeProperty { Type = "cluster" },
                },
            },
        });

        var ns = "tracinglab";
        var appRole = PodRole("AppRole", ns, ServiceBManifests.AppServiceAccount);
        var collectorRole = PodRole("CollectorRole", ns, ServiceBManifests.CollectorServiceAccount);
        _ = new TelemetryPolicy(this, "CollectorTelemetry", collectorRole);
        var fluentBitRole = PodRole("FluentBitRole", ServiceBManifests.LogsNamespace, ServiceBManifests.FluentBitServiceAccount);
        _ = new TelemetryPolicy(this, "FluentBitLogs", fluentBitRole, xray: false);
        var lbcRole = PodRole("LoadBalancerControllerRole", "kube-system", LoadBalancerControllerAccount);
        AddTargetGroupBindingPolicy(lbcRole, stack);
        PodRoles = new Dictionary<string, Role>
        {
            [ServiceBManifests.AppServiceAccount] = appRole,
            [ServiceBManifests.CollectorServiceAccount] = collectorRole,
            [ServiceBManifests.FluentBitServiceAccount] = fluentBitRole,
            [LoadBalancerControllerAccount] = lbcRole,
        };

        var account = props.ManifestAccount ?? "ACCOUNT_ID";
        ManifestProps = new ServiceBManifestsProps
        {
            AppImage = LabImages.ServiceImage(account, props.Region, LabService.B, props.ImageTag, "amazonaws.com"),
            CollectorImage = LabImages.Cached(account, props.Region, LabImages.AdotCollectorImage, "amazonaws.com"),
            FluentBitImage = LabImages.Cached(account, props.Region, LabImages.FluentBitImage, "amazonaws.com"),
            Region = props.Region,
            ClusterName = props.ClusterName,
            Links = props.Links,
            CollectorConfig = CollectorConfig.Yaml(CollectorPlatform.Eks, props.Region, Observability.LabLogs.MetricsLogGroupName, props.TraceExport),
            FluentBitConfig = FluentBitConfig.Eks(LabService.B, ns),
            Namespace = ns,
            FaultInjection = props.FaultInjection,
        };

        _ = new CfnOutput(stack, "EksClusterName", new CfnOutputProps { Value = Cluster.Ref, Description = "aws eks update-kubeconfig --name <this>" });

        Role PodRole(string roleId, string podNamespace, string serviceAccount)
        {
            var role = new Role(this, roleId, new RoleProps
            {
                AssumedBy = new ServicePrincipal("pods.eks.amazonaws.com"),
                Description = $"EKS Pod Identity for {podNamespace}/{serviceAccount}",
            });
            role.AssumeRolePolicy!.AddStatements(new PolicyStatement(new PolicyStatementProps
            {
                Principals = [new ServicePrincipal("pods.eks.amazonaws.com")],
                Actions = ["sts:TagSession"],
            }));
            var association = new CfnPodIdentityAssociation(this, roleId + "Association", new CfnPodIdentityAssociationProps
            {
                ClusterName = Cluster.Ref,
                Namespace = podNamespace,
                ServiceAccount = serviceAccount,
                RoleArn = role.RoleArn,
            });
            association.AddDependency(Cluster);
            return role;
        }
    }

    /// <summary>
    /// The vpc-cni add-on's configuration (its schema: <c>aws eks describe-addon-configuration --addon-name vpc-cni</c>):
    /// AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS, as the amazon-vpc-cni-k8s README describes it for peered and TGW-attached VPCs.
    /// </summary>
    public static string VpcCniConfiguration(IReadOnlyList<string> excludedCidrs) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["env"] = new Dictionary<string, string> { ["AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS"] = string.Join(",", excludedCidrs) },
        });

    /// <summary>The cluster.</summary>
    public CfnCluster Cluster { get; }

    /// <summary>The control plane's own security group (API on 443 from VPC B's workload subnets).</summary>
    public SecurityGroup ControlPlaneSecurityGroup { get; }

    /// <summary>The kubectl role the stack creates when no <c>eksAdminArn</c> is given, else null.</summary>
    public Role? AdminRole { get; }

    /// <summary>The managed node group.</summary>
    public CfnNodegroup NodeGroup { get; }

    /// <summary>The node role.</summary>
    public Role NodeRole { get; }

    /// <summary>Pod Identity roles by service account.</summary>
    public IReadOnlyDictionary<string, Role> PodRoles { get; }

    /// <summary>What the manifests are generated from.</summary>
    public ServiceBManifestsProps ManifestProps { get; }

    /// <summary>
    /// The least the AWS Load Balancer Controller needs to keep TargetGroupBindings' targets in sync (no load
    /// balancers of its own): describe, and register/deregister on the lab's target groups only.
    /// </summary>
    private void AddTargetGroupBindingPolicy(Role role, Stack stack)
    {
        var policy = new Policy(this, "TargetGroupBindingPolicy", new PolicyProps
        {
            Roles = [role],
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions =
                    [
                        "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
                        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners",
                        "elasticloadbalancing:DescribeTags", "ec2:DescribeInstances", "ec2:DescribeVpcs", "ec2:DescribeSubnets",
                        "ec2:DescribeSecurityGroups", "ec2:DescribeAvailabilityZones", "ec2:DescribeNetworkInterfaces",
                    ],
                    Resources = ["*"],
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
                    Resources = [$"arn:{Aws.PARTITION}:elasticloadbalancing:{stack.Region}:{stack.Account}:targetgroup/tl-serviceb-*/*"],
                }),
            ],
        });
        Nag.SuppressFindings(policy, "AwsSolutions-IAM5",
            "Describe* actions support no resource-level permissions; register/deregister are limited to the lab's " +
            "tl-serviceb-* target groups, whose ARN suffix is assigned by AWS.",
            "Resource::*", @"/^Resource::arn:<AWS::Partition>:elasticloadbalancing:[a-z0-9-]+:<AWS::AccountId>:targetgroup\/tl-serviceb-\*\/\*$/g");
    }
}
