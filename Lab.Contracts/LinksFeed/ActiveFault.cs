namespace TracingLab.Contracts.LinksFeed;

/// <summary>A fault active on a relay, as the links feed carries it.</summary>
/// <param name="Kind">latency, jitter, loss, blackhole, reset or bandwidth.</param>
/// <param name="Description">Its parameters and direction, e.g. "loss 5%, each loss an RTO from 200 ms, doubling per repeat (both ways)".</param>
public sealed record ActiveFault(string Kind, string Description);
