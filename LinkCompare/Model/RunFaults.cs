using TracingLab.Contracts.LinksFeed;

namespace TracingLab.LinkCompare.Model;

/// <summary>
/// The faults a run met and what they did: the fault windows seen on the links feed during the run, per link the
/// requests inside and outside them, and a timeline to draw the windows as bands over the traffic.
/// </summary>
/// <param name="Windows">Every window that overlaps the run, by start then link.</param>
/// <param name="Links">Per link of the run: its requests inside and outside its windows.</param>
/// <param name="BucketSeconds">The width of a <see cref="Timeline"/> bucket.</param>
/// <param name="Timeline">Per link, the requests bucketed by send time from the run's start.</param>
/// <param name="Rule">How a request is counted inside a window, in words (the report prints it).</param>
public sealed record RunFaults(
    IReadOnlyList<FaultWindow> Windows,
    IReadOnlyList<LinkFaultFigures> Links,
    double BucketSeconds,
    IReadOnlyList<TimelineBucket> Timeline,
    string Rule);

/// <summary>One link's requests inside its fault windows and outside them.</summary>
public sealed record LinkFaultFigures(string Link, WindowFigures Inside, WindowFigures Outside);

/// <summary>Requests, failures and end-to-end latency of a set of requests (failures at their latency, as in the summary).</summary>
/// <param name="Sent">Requests.</param>
/// <param name="Failed">Non-2xx answers, timeouts and connection errors.</param>
/// <param name="P50Ms">Median latency, nearest rank; 0 when no request.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
public sealed record WindowFigures(long Sent, long Failed, double P50Ms, double P90Ms, double P99Ms)
{
    /// <summary>Failed / Sent, 0 when nothing was sent.</summary>
    public double ErrorRate => Sent == 0 ? 0 : (double)Failed / Sent;
}

/// <summary>The requests of one link sent within one bucket of the run's timeline.</summary>
/// <param name="Link">The link.</param>
/// <param name="OffsetSeconds">The bucket's start, from the run's start.</param>
/// <param name="Sent">Requests sent in the bucket.</param>
/// <param name="Failed">Of which failed.</param>
/// <param name="P50Ms">Their median latency.</param>
/// <param name="MaxMs">Their longest latency.</param>
public sealed record TimelineBucket(string Link, double OffsetSeconds, long Sent, long Failed, double P50Ms, double MaxMs);
