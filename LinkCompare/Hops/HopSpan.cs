namespace TracingLab.LinkCompare.Hops;

/// <summary>
/// One timed hop of one request, neutral of where it came from: a client span from the dashboard's store
/// (<c>lab.hop</c>, <c>lab.link</c>, end - start) or a hop report of the <c>/lab/hops</c> probe (<c>elapsedMs</c>).
/// </summary>
/// <param name="TraceId">The request's trace id (any form; only used to count distinct requests).</param>
/// <param name="Hop">e.g. <c>servicea→serviceb</c>.</param>
/// <param name="Link">tgw, peering or privatelink.</param>
/// <param name="DurationMs">How long the hop took, in milliseconds.</param>
public sealed record HopSpan(string TraceId, string Hop, string Link, double DurationMs);
