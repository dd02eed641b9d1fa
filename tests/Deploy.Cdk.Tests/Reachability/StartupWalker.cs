using System.Text.Json;
using TracingLab.Deploy.Topology;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>
/// Walks every AWS call a workload process makes at start (<see cref="StartupCalls"/>) through a synthesized template:
/// a route to the service (interface endpoint in the VPC, the S3 gateway endpoint on the subnet's route table, or
/// NAT), the endpoint's policy, the security groups both ways, the network ACLs for the request and for the reply on
/// every source port the process can use, and the IAM role the process signs with. Returns what is missing, each
/// named; an empty list means the process can start.
/// </summary>
public sealed class StartupWalker(LabTemplate t)
{
    /// <summary>A public S3 address of us-east-1 (ip-ranges.json, service S3), standing for S3 behind the gateway endpoint.</summary>
    public const string S3Address = "52.216.0.1/32";

    /// <summary>A public address standing for the internet behind a NAT gateway.</summary>
    public const string InternetAddress = "198.51.100.1/32";

    /// <summary>
    /// What the AWS managed policies the lab attaches grant, from the AWS Managed Policy Reference (the lab cannot read
    /// their documents from the template): the actions the start-up calls need, on any resource.
    /// </summary>
    private static readonly Dictionary<string, string[]> ManagedPolicies = new()
    {
        ["AmazonEC2ContainerRegistryReadOnly"] = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:Describe*", "ecr:List*", "ecr:GetRepositoryPolicy", "ecr:GetLifecyclePolicy*"],
        ["AmazonEKSWorkerNodePolicy"] = ["ec2:DescribeInstances", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVolumes", "ec2:DescribeVolumesModifications", "ec2:DescribeVpcs", "eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity"],
        ["AmazonEKS_CNI_Policy"] = ["ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes", "ec2:DescribeSubnets", "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute", "ec2:UnassignPrivateIpAddresses"],
        ["AmazonSSMManagedInstanceCore"] = ["ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance", "ssm:GetDocument", "ssm:DescribeDocument", "ssm:GetManifest", "ssm:GetParameter", "ssm:GetParameters", "ssm:ListAssociations", "ssm:ListInstanceAssociations", "ssm:PutInventory", "ssm:PutComplianceItems", "ssm:PutConfigurePackageResult", "ssm:UpdateAssociationStatus", "ssm:UpdateInstanceAssociationStatus", "ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*"],
    };

    private readonly NetworkModel _m = new(t);
    private readonly PathWalker _walker = new(new NetworkModel(t));
    private readonly IReadOnlyDictionary<string, JsonElement> _all = t.AllResources();

    public IReadOnlyList<string> Missing(StartupProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var missing = new List<string>();
        var vpc = _walker.Vpc(process.Vpc);
        var group = _m.GroupVpc.FirstOrDefault(g => g.Value == vpc && _m.GroupDescription[g.Key].StartsWith(process.GroupDescription, StringComparison.Ordinal)).Key;
        if (group is null)
        {
            return [$"sg: no security group '{process.GroupDescription}…' in {vpc}"];
        }

        var subnets = _walker.Tier(vpc, "workload");
        var role = process.RolePrefix is null ? null : _all.Keys.SingleOrDefault(k => k.StartsWith(process.RolePrefix, StringComparison.Ordinal)
                                                                                    && Str(_all[k], "Type") == "AWS::IAM::Role");
        if (process.RolePrefix is not null && role is null)
        {
            missing.Add($"iam: no role {process.RolePrefix}* in the template");
        }

        foreach (var call in process.Calls)
        {
            var found = new List<string>();
            Route(call, vpc, group, subnets, process.Client, found);
            if (call.Action is not null && role is not null && !RoleAllows(role, call.Action, call.Resource))
            {
                found.Add($"iam: role {role} does not allow {call.Action} on {call.Resource}");
            }

            missing.AddRange(found.Select(f => $"{call.Endpoint} {call.Action ?? "(unsigned/presigned)"} {call.Resource}: {f} [source: {call.Source}]"));
        }

        return missing.Distinct().ToList();
    }

    private void Route(AwsCall call, string vpc, string group, List<string> subnets, Client client, List<string> found)
    {
        var natted = subnets.All(s => _m.Routes.Any(r => r.Table == _m.RouteTableOf.GetValueOrDefault(s) && r.Destination == "0.0.0.0/0"));
        if (call.Endpoint == "s3")
        {
            S3(call, vpc, group, subnets, client, found);
            return;
        }

        var service = $"com.amazonaws.{Canonical.Region}.{call.Endpoint}";
        var endpoint = _m.AwsEndpoints.Where(e => e.Value.Vpc == vpc && e.Value.Service == service).Select(e => (KeyValuePair<string, (string Vpc, string Service, List<string> Subnets, List<string> Groups)>?)e).FirstOrDefault();
        if (call.Endpoint != "internet" && endpoint is { } ep)
        {
            if (!ep.Value.Groups.Any(g => _walker.Egress(group, 443, null, g)))
            {
                found.Add($"sg: {group} has no egress tcp/443 to endpoint group {string.Join(",", ep.Value.Groups)}");
            }

            if (!ep.Value.Groups.Any(g => _walker.Ingress(g, 443, null, group)))
            {
                found.Add($"sg: endpoint group {string.Join(",", ep.Value.Groups)} has no ingress tcp/443 from {group}");
            }

            foreach (var s in subnets)
            {
                foreach (var e in ep.Value.Subnets)
                {
                    _walker.Acls(s, _walker.SubnetCidr(s), e, _walker.SubnetCidr(e), AclEvaluator.Tcp, 443, client, found);
                }
            }

            return;
        }

        if (!natted)
        {
            found.Add(call.Endpoint == "internet"
                ? $"route: {vpc}'s workload subnets have no route to the internet (no NAT gateway)"
                : $"route: no interface endpoint {service} in {vpc} and no NAT gateway");
            return;
        }

        if (!_walker.Egress(group, 443, InternetAddress, null))
        {
            found.Add($"sg: {group} has no egress tcp/443 to the internet through NAT");
        }

        foreach (var s in subnets)
        {
            _walker.Acls(s, _walker.SubnetCidr(s), null, InternetAddress, AclEvaluator.Tcp, 443, client, found);
        }
    }

    private void S3(AwsCall call, string vpc, string group, List<string> subnets, Client client, List<string> found)
    {
        var gateway = _m.GatewayEndpoints.Where(g => g.Value.Vpc == vpc && g.Value.Service == $"com.amazonaws.{Canonical.Region}.s3").ToList();
        if (gateway.Count == 0 || !subnets.All(s => gateway[0].Value.RouteTables.Contains(_m.RouteTableOf.GetValueOrDefault(s) ?? "")))
        {
            found.Add($"route: {vpc}'s workload route tables have no S3 gateway endpoint");
            return;
        }

        var natted = subnets.All(s => _m.Routes.Any(r => r.Table == _m.RouteTableOf.GetValueOrDefault(s) && r.Destination == "0.0.0.0/0"));
        if (call.BucketRegion != "same" && !natted)
        {
            found.Add($"route: a gateway endpoint reaches only buckets in {Canonical.Region}, and the region of {call.Resource} is {call.BucketRegion}");
        }

        if (gateway[0].Value.Policy is { } policy && !PolicyAllows(policy, call.Action ?? "s3:GetObject", call.Resource, requirePrincipalStar: true))
        {
            found.Add($"endpoint policy: {gateway[0].Key} does not allow {call.Action ?? "s3:GetObject"} on {call.Resource}");
        }

        if (!_m.GroupRules.GetValueOrDefault(group, []).Any(r => r.Egress && r.PrefixList is not null && r.From <= 443 && 443 <= r.To))
        {
            found.Add($"sg: {group} has no egress tcp/443 to the S3 prefix list");
        }

        foreach (var s in subnets)
        {
            _walker.Acls(s, _walker.SubnetCidr(s), null, S3Address, AclEvaluator.Tcp, 443, client, found);
        }
    }

    private bool RoleAllows(string role, string action, string resource)
    {
        foreach (var (_, policy) in t.Resources("AWS::IAM::Policy"))
        {
            var p = Props(policy);
            if (p.GetProperty("Roles").EnumerateArray().Any(r => Target(r) == role) && PolicyAllows(p.GetProperty("PolicyDocument"), action, resource, false))
            {
                return true;
            }
        }

        var roleProps = Props(_all[role]);
        if (roleProps.TryGetProperty("Policies", out var inline) &&
            inline.EnumerateArray().Any(i => PolicyAllows(i.GetProperty("PolicyDocument"), action, resource, false)))
        {
            return true;
        }

        return roleProps.TryGetProperty("ManagedPolicyArns", out var managed) && managed.EnumerateArray()
            .Select(a => Canonical.Text(a).Split('/')[^1])
            .Any(name => ManagedPolicies.TryGetValue(name, out var actions) && actions.Any(a => Canonical.Matches(a, action)));
    }

    private bool PolicyAllows(JsonElement document, string action, string resource, bool requirePrincipalStar)
    {
        var statements = document.GetProperty("Statement");
        var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
        bool Has(JsonElement s, string key, Func<string, bool> match) => s.TryGetProperty(key, out var v) &&
            (v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(Resolve) : [Resolve(v)]).Any(match);
        var matches = list.Where(s => Has(s, "Action", a => Canonical.Matches(a, action)) && Has(s, "Resource", r => Canonical.Matches(r, resource))
                                      && (!requirePrincipalStar || Flatten(s.GetProperty("Principal")) == "*")).ToList();
        return matches.Any(s => Str(s, "Effect") == "Allow") && !matches.Any(s => Str(s, "Effect") == "Deny");
    }

    // A policy value as an ARN: log group ARNs from GetAtt, SSM parameter names from Ref, the rest flattened.
    private string Resolve(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::GetAtt", out var att) && att[1].GetString() == "Arn"
            && _all.TryGetValue(att[0].GetString()!, out var target) && Str(target, "Type") == "AWS::Logs::LogGroup")
        {
            return $"arn:aws:logs:{Canonical.Region}:{Canonical.Account}:log-group:{Str(Props(target), "LogGroupName")}:*";
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::GetAtt", out var cluster) && cluster[1].GetString() == "Arn"
            && _all.TryGetValue(cluster[0].GetString()!, out var eks) && Str(eks, "Type") == "AWS::EKS::Cluster")
        {
            return $"arn:aws:eks:{Canonical.Region}:{Canonical.Account}:cluster/{Str(Props(eks), "Name")}";
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::Join", out var join))
        {
            return Canonical.Text(string.Concat(join[1].EnumerateArray().Select(Part)));
        }

        return Canonical.Text(value);
    }

    private string Part(JsonElement part) => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("Ref", out var r)
                                             && _all.TryGetValue(r.GetString()!, out var target) && Str(target, "Type") == "AWS::SSM::Parameter"
        ? Str(Props(target), "Name")!
        : Flatten(part);

    /// <summary>The processes of this template, with its FireLens config object and service C's user data read from it.</summary>
    public IReadOnlyList<StartupProcess> Processes()
    {
        var task = Props(t.Resources("AWS::ECS::TaskDefinition").Values.Single());
        var router = task.GetProperty("ContainerDefinitions").EnumerateArray().Single(c => Str(c, "Name") == "log-router");
        var config = router.GetProperty("Environment").EnumerateArray().Single(e => Str(e, "Name") == "aws_fluent_bit_init_s3_1");
        var fireLens = Canonical.Text(config.GetProperty("Value"));
        var userData = Canonical.Text(Props(t.Resources("AWS::EC2::LaunchTemplate").Values
            .Single(lt => Props(lt).GetProperty("LaunchTemplateData").TryGetProperty("UserData", out _))).GetProperty("LaunchTemplateData").GetProperty("UserData"));
        var s3 = System.Text.RegularExpressions.Regex.Matches(userData, @"s3://([^\s'""]+)").Select(x => x.Groups[1].Value).Distinct().ToList();
        // The collector config written by the script names the X-Ray OTLP endpoint; the collector calls it (below), the
        // script downloads nothing from it.
        var script = System.Text.RegularExpressions.Regex.Replace(userData, @"<<'OTEL'\n.*?\nOTEL", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        var https = System.Text.RegularExpressions.Regex.Matches(script, @"https://[^\s'""]+").Select(x => x.Value).Distinct().ToList();
        var applier = Canonical.Text(Props(t.Resources("AWS::CodeBuild::Project").Values.Single()).GetProperty("Source").GetProperty("Location"));
        // The collectors' trace path, read from service A's collector config (all three platforms share the setting).
        var collector = t.Resources("AWS::SSM::Parameter").Values.Select(Props).Single(p => Str(p, "Name") == "/tracinglab/adot/servicea");
        var otlp = Str(collector, "Value")!.Contains("https://xray.", StringComparison.Ordinal);
        return StartupCalls.For(fireLens, s3, https, applier, otlp);
    }
}
