namespace TracingLab.ServiceDefaults.Lab;

/// <summary>
/// What a callee saw of a lab probe call: who it is, the trace id, the caller's address as seen by its socket, and the
/// <c>x-forwarded-for</c> header when a hop in between (lattice) names the caller that way.
/// </summary>
public sealed record EchoReport(string Service, string TraceId, string RemoteAddress, string? ForwardedFor, string? Link);

/// <summary>
/// One hop of a probe: who called whom over which link, what the callee saw (its socket's remote address and any
/// <c>x-forwarded-for</c>), and how it went.
/// </summary>
public sealed record HopReport(
    string From, string To, string Link, string? RemoteAddress, string? ForwardedFor, string? TraceId, int Status, double ElapsedMs, string? Error = null);

/// <summary>The answer of <c>/lab/hops</c>: the caller's trace id, the link chosen and every hop below it.</summary>
public sealed record HopsReport(string TraceId, string Link, IReadOnlyList<HopReport> Hops);

/// <summary>A middle service's part of a probe: what it saw of its caller, and its own hops.</summary>
public sealed record RelayReport(EchoReport Seen, IReadOnlyList<HopReport> Hops);
