using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Faults;

/// <summary>
/// What the fault windows did to a run: per link, error rate and latency of the requests inside its windows and of
/// the rest, and a bucketed timeline to draw the windows over. Pure: the same requests and windows give the same figures.
/// </summary>
public static class FaultFigures
{
    /// <summary>The rule <see cref="Compute"/> counts a request inside by, as the report prints it.</summary>
    public const string InsideRule =
        "a request is inside when the time from its scheduled send to its answer (or failure) overlaps a fault window of its own link";

    /// <summary>At most this many buckets per link on the timeline.</summary>
    public const int MaxBuckets = 120;

    /// <summary>The run's fault figures from its requests and the windows seen during it.</summary>
    public static RunFaults Compute(
        IReadOnlyList<TimedOutcome> outcomes, IReadOnlyList<FaultWindow> windows, IReadOnlyList<string> links, DateTimeOffset started, DateTimeOffset ended)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(links);
        var during = windows.Where(w => w.Overlaps(started, ended)).OrderBy(w => w.Start).ThenBy(w => w.Link, StringComparer.Ordinal).ToList();
        var figures = links.Select(link =>
        {
            var own = during.Where(w => w.Link == link).ToList();
            var mine = outcomes.Where(o => o.Link == link).ToList();
            var inside = mine.Where(o => own.Any(w => w.Overlaps(o.SentAt, o.AnsweredAt))).ToList();
            var outside = mine.Where(o => !own.Any(w => w.Overlaps(o.SentAt, o.AnsweredAt))).ToList();
            return new LinkFaultFigures(link, Summarise(inside), Summarise(outside));
        }).ToList();
        var bucket = BucketSeconds(ended - started);
        return new RunFaults(during, figures, bucket, Buckets(outcomes, links, started, ended, bucket), InsideRule);
    }

    /// <summary>The bucket width for a run of <paramref name="length"/>: whole seconds, at most <see cref="MaxBuckets"/> buckets.</summary>
    public static double BucketSeconds(TimeSpan length) => Math.Max(1, Math.Ceiling(Math.Max(0, length.TotalSeconds) / MaxBuckets));

    /// <summary>Per link, the requests sent in each <paramref name="bucketSeconds"/> from <paramref name="from"/> to <paramref name="to"/>; empty buckets are left out.</summary>
    public static IReadOnlyList<TimelineBucket> Buckets(
        IEnumerable<TimedOutcome> outcomes, IReadOnlyList<string> links, DateTimeOffset from, DateTimeOffset to, double bucketSeconds)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketSeconds);
        return [.. outcomes
            .Where(o => o.SentAt >= from && o.SentAt <= to && links.Contains(o.Link))
            .GroupBy(o => (o.Link, Index: (long)Math.Floor((o.SentAt - from).TotalSeconds / bucketSeconds)))
            .OrderBy(g => IndexOf(links, g.Key.Link)).ThenBy(g => g.Key.Index)
            .Select(g =>
            {
                var sorted = g.Select(o => o.LatencyMs).Order().ToArray();
                return new TimelineBucket(g.Key.Link, g.Key.Index * bucketSeconds, sorted.Length, g.LongCount(o => !o.Succeeded), Percentile(sorted, 50), Round(sorted[^1]));
            })];
    }

    /// <summary>The figures of a set of requests.</summary>
    public static WindowFigures Summarise(IReadOnlyCollection<TimedOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var sorted = outcomes.Select(o => o.LatencyMs).Order().ToArray();
        return new WindowFigures(sorted.Length, outcomes.LongCount(o => !o.Succeeded), Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99));
    }

    /// <summary>The nearest-rank percentile of sorted values (the smallest value with at least p % at or below it); 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return Round(sorted[Math.Clamp(rank, 1, sorted.Count) - 1]);
    }

    private static int IndexOf(IReadOnlyList<string> links, string link)
    {
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] == link)
            {
                return i;
            }
        }

        return links.Count;
    }

    private static double Round(double ms) => Math.Round(ms, 3);
}
