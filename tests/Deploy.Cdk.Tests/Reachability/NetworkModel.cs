using System.Text.Json;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>One security group rule: direction, protocol, ports, and a CIDR, a prefix list or a peer group.</summary>
public sealed record SgRule(bool Egress, string Protocol, int From, int To, string? Cidr, string? PeerGroup, string? PrefixList);

/// <summary>One network ACL entry.</summary>
public sealed record AclEntry(int Number, bool Egress, int Protocol, int From, int To, string Cidr, bool Allow);

/// <summary>
/// The network of a synthesized template, read as Reachability Analyzer reads an account: subnets, route tables and
/// routes, peering connections, Transit Gateway attachments and route tables, security groups, network ACLs, load
/// balancers, endpoints and private DNS records. Every id is a logical id.
/// </summary>
public sealed class NetworkModel
{
    public NetworkModel(LabTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var all = template.AllResources();
        foreach (var (id, r) in template.Resources("AWS::EC2::VPC"))
        {
            VpcCidrs[id] = Str(Props(r), "CidrBlock")!;
        }

        // The VPC CNI's add-on configuration: destinations it leaves unSNATed (pods keep their own address and ports).
        foreach (var (_, r) in template.Resources("AWS::EKS::Addon").Where(a => Str(Props(a.Value), "AddonName") == "vpc-cni"))
        {
            if (Str(Props(r), "ConfigurationValues") is { } json)
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.TryGetProperty("env", out var env) && Str(env, "AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS") is { } cidrs)
                {
                    SnatExcludedCidrs.AddRange(cidrs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                }
            }
        }

        foreach (var (id, r) in template.Resources("AWS::EC2::Subnet"))
        {
            var p = Props(r);
            var name = p.GetProperty("Tags").EnumerateArray().First(t => t.GetProperty("Key").GetString() == "aws-cdk:subnet-name").GetProperty("Value").GetString()!;
            AllSubnets[id] = (Target(p.GetProperty("VpcId")), Str(p, "CidrBlock")!, name);
        }

        foreach (var (_, r) in template.Resources("AWS::EC2::SubnetRouteTableAssociation"))
        {
            RouteTableOf[Target(Props(r).GetProperty("SubnetId"))] = Target(Props(r).GetProperty("RouteTableId"));
        }

        foreach (var (_, r) in template.Resources("AWS::EC2::SubnetNetworkAclAssociation"))
        {
            AclOf[Target(Props(r).GetProperty("SubnetId"))] = Target(Props(r).GetProperty("NetworkAclId"));
        }

        foreach (var (id, r) in template.Resources("AWS::EC2::Route"))
        {
            var p = Props(r);
            var (kind, target) = p.TryGetProperty("VpcPeeringConnectionId", out var pcx) ? ("pcx", Target(pcx))
                : p.TryGetProperty("TransitGatewayId", out var tgw) ? ("tgw", Target(tgw))
                : ("other", id);
            Routes.Add((Target(p.GetProperty("RouteTableId")), Str(p, "DestinationCidrBlock") ?? "", kind, target));
        }

        foreach (var (id, r) in template.Resources("AWS::EC2::VPCPeeringConnection"))
        {
            Peerings[id] = (Target(Props(r).GetProperty("VpcId")), Target(Props(r).GetProperty("PeerVpcId")));
        }

        foreach (var (id, r) in template.Resources("AWS::EC2::TransitGatewayAttachment"))
        {
            TgwAttachments[id] = (Target(Props(r).GetProperty("TransitGatewayId")), Target(Props(r).GetProperty("VpcId")));
        }

        foreach (var type in new[] { "AWS::EC2::TransitGatewayRouteTableAssociation", "AWS::EC2::TransitGatewayRouteTablePropagation" })
        {
            foreach (var (_, r) in template.Resources(type))
            {
                var set = type.EndsWith("Association", StringComparison.Ordinal) ? TgwAssociations : TgwPropagations;
                set.Add((Target(Props(r).GetProperty("TransitGatewayAttachmentId")), Target(Props(r).GetProperty("TransitGatewayRouteTableId"))));
            }
        }

        foreach (var (id, r) in template.Resources("AWS::EC2::SecurityGroup"))
        {
            var p = Props(r);
            GroupVpc[id] = Target(p.GetProperty("VpcId"));
            GroupDescription[id] = Str(p, "GroupDescription") ?? "";
            foreach (var (egress, key) in new[] { (false, "SecurityGroupIngress"), (true, "SecurityGroupEgress") })
            {
                if (p.TryGetProperty(key, out var rules))
                {
                    foreach (var rule in rules.EnumerateArray())
                    {
                        AddRule(id, egress, rule);
                    }
                }
            }
        }

        foreach (var (egress, type) in new[] { (false, "AWS::EC2::SecurityGroupIngress"), (true, "AWS::EC2::SecurityGroupEgress") })
        {
            foreach (var (_, r) in template.Resources(type))
            {
                AddRule(Target(Props(r).GetProperty("GroupId")), egress, Props(r));
            }
        }

        foreach (var (_, r) in template.Resources("AWS::EC2::NetworkAclEntry"))
        {
            var p = Props(r);
            var range = p.TryGetProperty("PortRange", out var pr) ? (pr.GetProperty("From").GetInt32(), pr.GetProperty("To").GetInt32()) : (0, 65535);
            var acl = Target(p.GetProperty("NetworkAclId"));
            if (!AclEntries.TryGetValue(acl, out var list))
            {
                AclEntries[acl] = list = [];
            }

            list.Add(new AclEntry(p.GetProperty("RuleNumber").GetInt32(), p.TryGetProperty("Egress", out var e) && e.GetBoolean(),
                p.GetProperty("Protocol").GetInt32(), range.Item1, range.Item2, Str(p, "CidrBlock")!, Str(p, "RuleAction") == "allow"));
        }

        foreach (var (id, r) in template.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        {
            var p = Props(r);
            LoadBalancers[id] = (p.GetProperty("Subnets").EnumerateArray().Select(Target).ToList(),
                p.TryGetProperty("SecurityGroups", out var sgs) ? sgs.EnumerateArray().Select(Target).ToList() : []);
        }

        foreach (var (_, r) in template.Resources("AWS::ElasticLoadBalancingV2::Listener"))
        {
            Listeners.Add((Target(Props(r).GetProperty("LoadBalancerArn")), Props(r).GetProperty("Port").GetInt32()));
        }

        foreach (var (id, r) in template.Resources("AWS::EC2::VPCEndpointService"))
        {
            EndpointServices[id] = Props(r).GetProperty("NetworkLoadBalancerArns").EnumerateArray().Select(Target).ToList();
        }

        foreach (var (id, r) in template.Resources("AWS::EC2::VPCEndpoint"))
        {
            var p = Props(r);
            if (Str(p, "VpcEndpointType") == "Gateway")
            {
                GatewayEndpoints[id] = (Target(p.GetProperty("VpcId")), Canonical.Text(p.GetProperty("ServiceName")),
                    p.GetProperty("RouteTableIds").EnumerateArray().Select(Target).ToList(),
                    p.TryGetProperty("PolicyDocument", out var policy) ? policy.Clone() : null);
                continue;
            }

            if (Str(p, "VpcEndpointType") != "Interface")
            {
                continue;
            }

            AwsEndpoints[id] = (Target(p.GetProperty("VpcId")), Canonical.Text(p.GetProperty("ServiceName")),
                p.GetProperty("SubnetIds").EnumerateArray().Select(Target).ToList(),
                p.GetProperty("SecurityGroupIds").EnumerateArray().Select(Target).ToList());
            if (p.GetProperty("ServiceName").ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var service = all.Keys.FirstOrDefault(k => p.GetProperty("ServiceName").GetRawText().Contains($"\"{k}\"", StringComparison.Ordinal));
            Endpoints[id] = (Target(p.GetProperty("VpcId")), p.GetProperty("SubnetIds").EnumerateArray().Select(Target).ToList(),
                p.GetProperty("SecurityGroupIds").EnumerateArray().Select(Target).ToList(), service ?? "");
        }

        ReadLattice(template);

        foreach (var (id, r) in template.Resources("AWS::Route53::HostedZone"))
        {
            ZoneVpcs[id] = Props(r).GetProperty("VPCs").EnumerateArray().Select(v => Target(v.GetProperty("VPCId"))).ToList();
        }

        foreach (var (_, r) in template.Resources("AWS::Route53::RecordSet"))
        {
            var p = Props(r);
            var alias = p.GetProperty("AliasTarget").GetProperty("DNSName").GetRawText();
            var target = all.Keys.FirstOrDefault(k => alias.Contains($"\"{k}\"", StringComparison.Ordinal)) ?? "";
            Records.Add((Target(p.GetProperty("HostedZoneId")), Str(p, "Name")!.TrimEnd('.'), target));
        }
    }

    public Dictionary<string, string> VpcCidrs { get; } = [];
    public List<string> SnatExcludedCidrs { get; } = [];
    public Dictionary<string, (string Vpc, string Service, List<string> RouteTables, JsonElement? Policy)> GatewayEndpoints { get; } = [];
    public Dictionary<string, (string Vpc, string Service, List<string> Subnets, List<string> Groups)> AwsEndpoints { get; } = [];
    public Dictionary<string, (string Vpc, string Cidr, string Tier)> AllSubnets { get; } = [];
    public Dictionary<string, string> RouteTableOf { get; } = [];
    public Dictionary<string, string> AclOf { get; } = [];
    public List<(string Table, string Destination, string Kind, string Target)> Routes { get; } = [];
    public Dictionary<string, (string Vpc, string PeerVpc)> Peerings { get; } = [];
    public Dictionary<string, (string Tgw, string Vpc)> TgwAttachments { get; } = [];
    public HashSet<(string Attachment, string Table)> TgwAssociations { get; } = [];
    public HashSet<(string Attachment, string Table)> TgwPropagations { get; } = [];
    public Dictionary<string, string> GroupVpc { get; } = [];
    public Dictionary<string, string> GroupDescription { get; } = [];
    public Dictionary<string, List<SgRule>> GroupRules { get; } = [];
    public Dictionary<string, List<AclEntry>> AclEntries { get; } = [];
    public Dictionary<string, (List<string> Subnets, List<string> Groups)> LoadBalancers { get; } = [];
    public List<(string LoadBalancer, int Port)> Listeners { get; } = [];
    public Dictionary<string, List<string>> EndpointServices { get; } = [];
    public Dictionary<string, (string Vpc, List<string> Subnets, List<string> Groups, string Service)> Endpoints { get; } = [];
    public Dictionary<string, List<string>> ZoneVpcs { get; } = [];
    public List<(string Zone, string Name, string Target)> Records { get; } = [];

    /// <summary>Lattice services by logical id: the custom domain name callers use.</summary>
    public Dictionary<string, string> LatticeServices { get; } = [];

    /// <summary>Lattice listeners: service, port, the target groups they forward to.</summary>
    public List<(string Service, int Port, List<string> TargetGroups)> LatticeListeners { get; } = [];

    /// <summary>Lattice target groups: type, VPC, port, registered target ids (an ALB's logical id).</summary>
    public Dictionary<string, (string Type, string Vpc, int Port, List<string> Targets)> LatticeTargetGroups { get; } = [];

    /// <summary>Service-network associations of services and of VPCs (with the association's security groups).</summary>
    public HashSet<(string Network, string Service)> LatticeServiceAssociations { get; } = [];

    public List<(string Network, string Vpc, List<string> Groups)> LatticeVpcAssociations { get; } = [];

    /// <summary>Auto Scaling groups: subnets, and the Lattice target groups they register into (TrafficSources).</summary>
    public Dictionary<string, (List<string> Subnets, List<string> LatticeTargetGroups)> AutoScalingGroups { get; } = [];

    private void ReadLattice(LabTemplate template)
    {
        foreach (var (id, r) in template.Resources("AWS::VpcLattice::Service"))
        {
            LatticeServices[id] = Str(Props(r), "CustomDomainName") ?? "";
        }

        foreach (var (_, r) in template.Resources("AWS::VpcLattice::Listener"))
        {
            var p = Props(r);
            var groups = p.GetProperty("DefaultAction").TryGetProperty("Forward", out var f)
                ? f.GetProperty("TargetGroups").EnumerateArray().Select(g => Target(g.GetProperty("TargetGroupIdentifier"))).ToList()
                : [];
            LatticeListeners.Add((Target(p.GetProperty("ServiceIdentifier")), p.GetProperty("Port").GetInt32(), groups));
        }

        foreach (var (id, r) in template.Resources("AWS::VpcLattice::TargetGroup"))
        {
            var p = Props(r);
            var config = p.GetProperty("Config");
            LatticeTargetGroups[id] = (Str(p, "Type")!, Target(config.GetProperty("VpcIdentifier")), config.GetProperty("Port").GetInt32(),
                p.TryGetProperty("Targets", out var targets) ? targets.EnumerateArray().Select(t => Target(t.GetProperty("Id"))).ToList() : []);
        }

        foreach (var (_, r) in template.Resources("AWS::VpcLattice::ServiceNetworkServiceAssociation"))
        {
            LatticeServiceAssociations.Add((Target(Props(r).GetProperty("ServiceNetworkIdentifier")), Target(Props(r).GetProperty("ServiceIdentifier"))));
        }

        foreach (var (_, r) in template.Resources("AWS::VpcLattice::ServiceNetworkVpcAssociation"))
        {
            var p = Props(r);
            LatticeVpcAssociations.Add((Target(p.GetProperty("ServiceNetworkIdentifier")), Target(p.GetProperty("VpcIdentifier")),
                p.TryGetProperty("SecurityGroupIds", out var sgs) ? sgs.EnumerateArray().Select(Target).ToList() : []));
        }

        foreach (var (id, r) in template.Resources("AWS::AutoScaling::AutoScalingGroup"))
        {
            var p = Props(r);
            AutoScalingGroups[id] = (p.TryGetProperty("VPCZoneIdentifier", out var z) ? z.EnumerateArray().Select(Target).ToList() : [],
                p.TryGetProperty("TrafficSources", out var sources)
                    ? sources.EnumerateArray().Where(t => Str(t, "Type") == "vpc-lattice").Select(t => Target(t.GetProperty("Identifier"))).ToList()
                    : []);
        }
    }

    private void AddRule(string group, bool egress, JsonElement rule)
    {
        if (!GroupRules.TryGetValue(group, out var list))
        {
            GroupRules[group] = list = [];
        }

        var peerKey = egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId";
        list.Add(new SgRule(egress, Str(rule, "IpProtocol") ?? "", rule.TryGetProperty("FromPort", out var f) ? f.GetInt32() : 0,
            rule.TryGetProperty("ToPort", out var t) ? t.GetInt32() : 65535, Str(rule, "CidrIp"),
            rule.TryGetProperty(peerKey, out var peer) ? Target(peer) : null,
            rule.TryGetProperty("DestinationPrefixListId", out var pl) ? Target(pl) : null));
    }
}
