namespace TracingLab.Contracts.Faults;

/// <summary>What a fault does to a link's TCP stream; <see cref="FaultKinds"/> spells them as the option text and files do.</summary>
public enum FaultKind
{
    /// <summary>Added delay, optionally spread and with rare spikes.</summary>
    Latency,

    /// <summary>A varying extra delay, from zero to an amplitude.</summary>
    Jitter,

    /// <summary>Packet loss as TCP sees it: a lost segment costs a retransmission timeout.</summary>
    Loss,

    /// <summary>Traffic disappears: new connections never complete, established ones go silent.</summary>
    Blackhole,

    /// <summary>Connections are reset, at a rate or after some bytes.</summary>
    Reset,

    /// <summary>A cap in bits per second.</summary>
    Bandwidth,
}
