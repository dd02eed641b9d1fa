namespace TracingLab.LinkCompare.Cost;

/// <summary>The bytes and requests one link carried during the measured run, and where the byte figure comes from.</summary>
/// <param name="Link">tgw, peering, privatelink or lattice.</param>
/// <param name="Bytes">Bytes in both directions.</param>
/// <param name="FromFlows">True when summed from the relays' flow records (the link's own bytes); false when the load
/// generator's request + response bytes stand in for them.</param>
/// <param name="Requests">HTTP requests that crossed the link (every hop of every probe); only lattice prices them.</param>
public sealed record LinkTraffic(string Link, long Bytes, bool FromFlows, long Requests = 0);
