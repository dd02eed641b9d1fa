using TracingLab.Contracts.LinksFeed;

namespace TracingLab.LinkCompare.Model;

/// <summary>
/// One link-comparison run: identical open-loop traffic interleaved across links, measured per link and per hop.
/// The load generator writes it (as JSON next to the report) and posts it to the dashboard, so the report and the
/// dashboard's Links page render the same figures.
/// </summary>
/// <param name="RunId">A short unique id.</param>
/// <param name="Started">When the first request was scheduled.</param>
/// <param name="Ended">When the last answer (or timeout) came back.</param>
/// <param name="Target">Service A's base URL.</param>
/// <param name="RatePerSecond">Requests per second per link (every link gets a request at each tick).</param>
/// <param name="DurationSeconds">Scheduled duration.</param>
/// <param name="Environment">"local" (the AppHost's emulated links) or "aws" (a deployed stack).</param>
/// <param name="Links">Per-link results, in the order the links were requested.</param>
/// <param name="Relays">The relays at the end of the run (local only; empty against AWS).</param>
/// <param name="Flows">Flow records captured during the run (local only).</param>
/// <param name="Cost">The cost table at the measured traffic.</param>
/// <param name="Notes">Anything a reader must know to trust the figures (late requests, missing traces...).</param>
/// <param name="Samples">The raw samples and bootstrap settings behind the confidence intervals; null in runs written before them.</param>
/// <param name="Faults">The fault windows seen on the links feed during the run and the figures inside and outside them; null without a lab console to watch, and in runs written before them.</param>
public sealed record CompareRun(
    string RunId,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    string Target,
    double RatePerSecond,
    double DurationSeconds,
    string Environment,
    IReadOnlyList<LinkResult> Links,
    IReadOnlyList<RelaySnapshot> Relays,
    IReadOnlyList<FlowRecord> Flows,
    CostTable? Cost,
    IReadOnlyList<string> Notes,
    RunSamples? Samples = null,
    RunFaults? Faults = null);

/// <summary>What one link did during a run.</summary>
/// <param name="Link">tgw, peering or privatelink.</param>
/// <param name="Sent">Requests sent.</param>
/// <param name="Succeeded">2xx answers.</param>
/// <param name="Failed">Non-2xx answers, timeouts and connection errors.</param>
/// <param name="Errors">Failures by kind ("502", "timeout", "connection refused"...), with counts.</param>
/// <param name="Latency">End-to-end latency of <c>/lab/hops</c>, measured from the scheduled send time (no coordinated omission).</param>
/// <param name="Cdf">The latency CDF, for the chart.</param>
/// <param name="Hops">Per-hop latency, from the traces in the dashboard when available, else from the probe's own hop reports.</param>
/// <param name="RemoteAddresses">The caller address each callee saw, per hop.</param>
/// <param name="BytesSent">Request bytes sent by the load generator over this link's requests.</param>
/// <param name="BytesReceived">Response bytes received.</param>
/// <param name="SampleTraceId">One trace id (X-Ray form) of a successful request over this link.</param>
public sealed record LinkResult(
    string Link,
    long Sent,
    long Succeeded,
    long Failed,
    IReadOnlyDictionary<string, long> Errors,
    LatencySummary Latency,
    IReadOnlyList<CdfPoint> Cdf,
    IReadOnlyList<HopResult> Hops,
    IReadOnlyList<RemoteAddressSeen> RemoteAddresses,
    long BytesSent,
    long BytesReceived,
    string? SampleTraceId)
{
    /// <summary>Failed / Sent, 0 when nothing was sent.</summary>
    public double ErrorRate => Sent == 0 ? 0 : (double)Failed / Sent;
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(
    long Count, double MinMs, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs);

/// <summary>One point of a latency CDF: the fraction of requests (0..1) at or below <see cref="ValueMs"/>.</summary>
public sealed record CdfPoint(double Fraction, double ValueMs);

/// <summary>The latency of one hop (e.g. servicea→serviceb) over one link.</summary>
/// <param name="Hop">"servicea→serviceb", "serviceb→servicec" or "servicea→servicec".</param>
/// <param name="Source">"trace" (client span durations from the dashboard) or "probe" (the hop reports in the answers).</param>
/// <param name="Latency">Percentiles.</param>
public sealed record HopResult(string Hop, string Source, LatencySummary Latency);

/// <summary>How many times the callee of <see cref="Hop"/> saw its caller as <see cref="Address"/>.</summary>
public sealed record RemoteAddressSeen(string Hop, string Address, long Count);

/// <summary>The cost of each link at the measured traffic, from a dated, sourced price file.</summary>
/// <param name="Region">The price list's region, e.g. us-east-1.</param>
/// <param name="PricesAsOf">The date the prices were checked.</param>
/// <param name="PriceSources">Where each price comes from (URLs).</param>
/// <param name="Assumptions">What the figures assume (AZ count, hours per month, bytes from flows...).</param>
/// <param name="Lines">One line per link.</param>
public sealed record CostTable(
    string Region, DateOnly PricesAsOf, IReadOnlyList<string> PriceSources, IReadOnlyList<string> Assumptions, IReadOnlyList<CostLine> Lines);

/// <summary>One link's cost: fixed hourly parts and data processing at the measured traffic.</summary>
/// <param name="Link">tgw, peering or privatelink.</param>
/// <param name="GigabytesPerMonth">Measured bytes per second, projected to a 730-hour month.</param>
/// <param name="FixedPerMonthUsd">Attachment / endpoint / NLB hours for a month.</param>
/// <param name="DataPerMonthUsd">Data processing for a month at the measured rate.</param>
/// <param name="TotalPerMonthUsd">Fixed + data.</param>
/// <param name="RunCostUsd">What the run itself cost (its duration of fixed hours plus its bytes).</param>
/// <param name="Breakdown">Each priced item: "2 attachments × 730 h × $0.05".</param>
public sealed record CostLine(
    string Link,
    double GigabytesPerMonth,
    double FixedPerMonthUsd,
    double DataPerMonthUsd,
    double TotalPerMonthUsd,
    double RunCostUsd,
    IReadOnlyList<string> Breakdown);
