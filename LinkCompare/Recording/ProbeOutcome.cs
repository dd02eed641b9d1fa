namespace TracingLab.LinkCompare.Recording;

/// <summary>What one <c>/lab/hops</c> request over one link came back with.</summary>
/// <param name="Link">The link.</param>
/// <param name="Latency">From the intended send time to the end of the answer (or the failure).</param>
/// <param name="Succeeded">A 2xx answer with a report.</param>
/// <param name="ErrorKind">For a failure: the status code ("502"), "timeout", "connection refused"...</param>
/// <param name="BytesSent">Request bytes (request line, headers, body).</param>
/// <param name="BytesReceived">Response bytes (status line, headers, body).</param>
/// <param name="TraceId">The request's trace id from the report (X-Ray form), if any.</param>
/// <param name="Hops">The hop reports of the answer (also present in a 502 problem).</param>
public sealed record ProbeOutcome(
    string Link,
    TimeSpan Latency,
    bool Succeeded,
    string? ErrorKind,
    long BytesSent,
    long BytesReceived,
    string? TraceId,
    IReadOnlyList<ProbeHop> Hops);

/// <summary>One hop of a probe answer.</summary>
/// <param name="Hop">e.g. <c>servicea→serviceb</c>.</param>
/// <param name="RemoteAddress">The caller's address as the callee saw it.</param>
/// <param name="ElapsedMs">How long the caller waited for the callee.</param>
/// <param name="Status">The callee's HTTP status.</param>
public sealed record ProbeHop(string Hop, string? RemoteAddress, double ElapsedMs, int Status);
