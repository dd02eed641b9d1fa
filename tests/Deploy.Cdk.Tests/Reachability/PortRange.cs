namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>An inclusive range of TCP or UDP ports.</summary>
public readonly record struct PortRange(int From, int To)
{
    public static PortRange Of(int port) => new(port, port);

    public override string ToString() => From == To ? $"{From}" : $"{From}-{To}";
}

/// <summary>
/// Who opens a connection decides its source port, and so the ports every reply comes back on. Each range is from
/// the client's own source, as the reachability walk must cover the whole range, not one representative port.
/// </summary>
public sealed record Client(string Who, PortRange SourcePorts, string Source)
{
    /// <summary>
    /// A Linux process on Fargate, on an EC2 instance or in a pod with its own address: the kernel's default
    /// <c>net.ipv4.ip_local_port_range</c>, 32768-60999 (kernel.org, Documentation/networking/ip-sysctl.rst).
    /// </summary>
    public static Client Linux(string who) =>
        new(who, new PortRange(32768, 60999), "Linux ip_local_port_range default (ip-sysctl.rst)");

    /// <summary>
    /// A load balancer node (NLB or ALB) connecting to a target, health checks included: "the load balancer nodes
    /// use ports 1024-65535" (Elastic Load Balancing user guides, network ACLs for your load balancer).
    /// </summary>
    public static Client LoadBalancerNode(string who) =>
        new(who, new PortRange(1024, 65535), "ELB network ACL guidance: load balancer nodes use 1024-65535");

    /// <summary>
    /// A pod whose traffic leaves VPC B: the VPC CNI SNATs it to the node's primary address with a random port
    /// (amazon-vpc-cni-k8s README, AWS_VPC_K8S_CNI_RANDOMIZESNAT, default prng = iptables --random-fully, "not necessarily
    /// part of the ephemeral port range ... relevant for any customers that might have NACLs"); netfilter maps an
    /// unprivileged source port into 1024-65535. Not for destinations in AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS.
    /// </summary>
    public static Client SnatPod(string who) =>
        new(who, new PortRange(1024, 65535), "VPC CNI SNAT to the node, AWS_VPC_K8S_CNI_RANDOMIZESNAT=prng (--random-fully): 1024-65535");

    /// <summary>A machine outside the lab (allowedIngressCidrs): any OS, so any unprivileged port.</summary>
    public static Client External(string who) =>
        new(who, new PortRange(1024, 65535), "unknown OS: any port 1024-65535 (AWS VPC network ACL guidance)");

    public override string ToString() => $"{Who}, source ports {SourcePorts} ({Source})";
}
