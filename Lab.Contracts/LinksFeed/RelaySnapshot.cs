namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// One local link relay (consumer → provider over one link) as it is now: where it listens, what it emulates and
/// what went through it.
/// </summary>
/// <param name="Link">tgw, peering, privatelink or lattice.</param>
/// <param name="Consumer">The calling service.</param>
/// <param name="Provider">The called service.</param>
/// <param name="ListenAddress">host:port the consumer connects to.</param>
/// <param name="TargetAddress">host:port of the provider.</param>
/// <param name="SourceAddress">The address the provider sees: the consumer's own for peering and tgw, the emulated NLB's for privatelink, Lattice's link-local stand-in (127.0.171.n) for lattice.</param>
/// <param name="AddedDelayMs">Configured one-way added delay, per direction.</param>
/// <param name="JitterMs">Configured jitter (uniform, 0 to this), per direction.</param>
/// <param name="Path">The network path a packet takes, consumer first, provider last, e.g. [servicea, tgw-attachment, serviceb].</param>
/// <param name="ProfileSource">Where the latency profile's figures come from (URL and what was measured).</param>
/// <param name="Connections">Connections accepted so far.</param>
/// <param name="ActiveConnections">Connections open now.</param>
/// <param name="BytesToProvider">Bytes relayed consumer → provider.</param>
/// <param name="BytesToConsumer">Bytes relayed provider → consumer.</param>
/// <param name="IsOn">False while the link is switched off (from the link's resource command in the Aspire dashboard).</param>
/// <param name="Faults">The faults active on the relay now (none when null or empty).</param>
public sealed record RelaySnapshot(
    string Link,
    string Consumer,
    string Provider,
    string ListenAddress,
    string TargetAddress,
    string SourceAddress,
    double AddedDelayMs,
    double JitterMs,
    IReadOnlyList<string> Path,
    string ProfileSource,
    long Connections,
    long ActiveConnections,
    long BytesToProvider,
    long BytesToConsumer,
    bool IsOn = true,
    IReadOnlyList<ActiveFault>? Faults = null);
