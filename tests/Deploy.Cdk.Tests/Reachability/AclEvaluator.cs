namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>
/// Evaluates a network ACL as AWS does, for a whole port range at once: entries in rule-number order, the first entry
/// that matches a packet decides, and what no entry matches is denied. Returns the ports that would be dropped.
/// </summary>
public static class AclEvaluator
{
    public const int Tcp = 6;
    public const int Udp = 17;

    /// <summary>The sub-ranges of <paramref name="ports"/> the ACL drops for traffic to or from <paramref name="peer"/>.</summary>
    public static IReadOnlyList<PortRange> Denied(IEnumerable<AclEntry> entries, bool egress, int protocol, PortRange ports, string peer)
    {
        var undecided = new List<PortRange> { ports };
        var denied = new List<PortRange>();
        foreach (var e in entries.Where(e => e.Egress == egress && (e.Protocol == protocol || e.Protocol == -1) && Cidr.Covers(e.Cidr, peer))
                     .OrderBy(e => e.Number))
        {
            var next = new List<PortRange>();
            foreach (var r in undecided)
            {
                var (lo, hi) = (Math.Max(r.From, e.From), Math.Min(r.To, e.To));
                if (lo > hi)
                {
                    next.Add(r);
                    continue;
                }

                if (!e.Allow)
                {
                    denied.Add(new PortRange(lo, hi));
                }

                if (r.From < lo)
                {
                    next.Add(new PortRange(r.From, lo - 1));
                }

                if (hi < r.To)
                {
                    next.Add(new PortRange(hi + 1, r.To));
                }
            }

            undecided = next;
        }

        return [.. denied.Concat(undecided).OrderBy(r => r.From)];
    }
}
