using Amazon.CDK.AWS.EC2;
using Constructs;

namespace TracingLab.Deploy.Network;

/// <summary>One allow entry of a network ACL: direction, peer CIDR, protocol (6 TCP, 17 UDP) and port range.</summary>
public sealed record AclRule(bool Egress, string Cidr, int Protocol, int FromPort, int ToPort);

/// <summary>
/// A network ACL for one subnet tier of a VPC (workload, ingress-{link}, endpoints): only the given allow entries, in
/// order, then the ACL's implicit deny. NACLs are stateless, so every rule list carries its own return traffic.
/// </summary>
public sealed class SubnetTierAcl : Construct
{
    public SubnetTierAcl(Construct scope, string id, IVpc vpc, IReadOnlyList<ISubnet> subnets, IReadOnlyList<AclRule> rules)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Acl = new NetworkAcl(this, "Acl", new NetworkAclProps
        {
            Vpc = vpc,
            SubnetSelection = new SubnetSelection { Subnets = subnets.ToArray() },
        });
        AddRules(this, "", rules);
    }

    private readonly Dictionary<bool, int> _number = new() { [false] = 100, [true] = 100 };
    private readonly HashSet<AclRule> _rules = [];

    /// <summary>
    /// Adds allow entries after those already there, as resources under <paramref name="scope"/> (a link's nested
    /// stack can hold its own entries on the lab's ACLs); rules the ACL already has are skipped.
    /// </summary>
    public void AddRules(Construct scope, string idPrefix, IEnumerable<AclRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules.Distinct().Where(_rules.Add))
        {
            var n = _number[rule.Egress];
            _number[rule.Egress] = n + 10;
            _ = new CfnNetworkAclEntry(scope, $"{idPrefix}{(rule.Egress ? "Out" : "In")}{n}", new CfnNetworkAclEntryProps
            {
                NetworkAclId = Acl.NetworkAclId,
                RuleNumber = n,
                Egress = rule.Egress,
                Protocol = rule.Protocol,
                RuleAction = "allow",
                CidrBlock = rule.Cidr,
                PortRange = new CfnNetworkAclEntry.PortRangeProperty { From = rule.FromPort, To = rule.ToPort },
            });
        }
    }

    /// <summary>The ACL.</summary>
    public NetworkAcl Acl { get; }
}
