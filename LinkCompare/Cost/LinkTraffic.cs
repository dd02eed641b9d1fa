namespace TracingLab.LinkCompare.Cost;

/// <summary>The bytes one link carried during the measured run, and where the figure comes from.</summary>
/// <param name="Link">tgw, peering or privatelink.</param>
/// <param name="Bytes">Bytes in both directions.</param>
/// <param name="FromFlows">True when summed from the relays' flow records (the link's own bytes); false when the load
/// generator's request + response bytes stand in for them.</param>
public sealed record LinkTraffic(string Link, long Bytes, bool FromFlows);
