using TracingLab.Contracts.Faults;
using TracingLab.Relay.Faults;

namespace TracingLab.AppHost.Links;

/// <summary>Puts a fault of the lab's vocabulary on every relay of its link, and takes it off again.</summary>
internal static class LinkFaultActions
{
    /// <summary>Injects <paramref name="fault"/> into every relay in <paramref name="relays"/>; the relay faults, to clear later.</summary>
    public static IReadOnlyList<RelayFault> Inject(IEnumerable<TracingLab.Relay.TcpRelay> relays, LinkFault fault)
    {
        ArgumentNullException.ThrowIfNull(relays);
        var faults = RelayFaultMapping.ToRelayFaults(fault);
        foreach (var relay in relays)
        {
            foreach (var relayFault in faults)
            {
                relay.Inject(relayFault);
            }
        }

        return faults;
    }

    /// <summary>Removes <paramref name="faults"/> (as <see cref="Inject"/> returned them) from every relay; other faults stay.</summary>
    public static void Clear(IEnumerable<TracingLab.Relay.TcpRelay> relays, IReadOnlyList<RelayFault> faults)
    {
        ArgumentNullException.ThrowIfNull(relays);
        ArgumentNullException.ThrowIfNull(faults);
        foreach (var relay in relays)
        {
            foreach (var relayFault in faults)
            {
                relay.Clear(relayFault);
            }
        }
    }
}
