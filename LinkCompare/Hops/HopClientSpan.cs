namespace TracingLab.LinkCompare.Hops;

/// <summary>One client span of a lab call: a span of kind client carrying <c>lab.hop</c> and <c>lab.link</c>.</summary>
/// <param name="TraceId">32 lowercase hex digits.</param>
/// <param name="SpanId">16 lowercase hex digits.</param>
/// <param name="Hop">e.g. <c>servicea→serviceb</c>.</param>
/// <param name="Link">tgw, peering or privatelink.</param>
/// <param name="StartUnixNano">Start, in nanoseconds since the epoch.</param>
/// <param name="EndUnixNano">End, in nanoseconds since the epoch.</param>
/// <param name="IsError">Whether the span's status is an error.</param>
public sealed record HopClientSpan(string TraceId, string SpanId, string Hop, string Link, ulong StartUnixNano, ulong EndUnixNano, bool IsError)
{
    /// <summary>End − start in milliseconds; 0 when the end is not after the start.</summary>
    public double DurationMs => EndUnixNano > StartUnixNano ? (EndUnixNano - StartUnixNano) / 1_000_000.0 : 0;
}
