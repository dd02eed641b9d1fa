using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Cost;

/// <summary>
/// The bytes flow records carried within a time window. A record covers its whole capture window (a connection kept
/// alive from the warmup starts before the run), so each record counts in proportion to how much of its window falls
/// inside, assuming its bytes spread evenly over it.
/// </summary>
public static class FlowBytes
{
    /// <summary>The bytes of <paramref name="flows"/> over <paramref name="link"/> within [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static long Within(IEnumerable<FlowRecord> flows, string link, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(flows);
        double bytes = 0;
        foreach (var f in flows.Where(f => f.Link == link))
        {
            var window = f.End - f.Start;
            if (window <= TimeSpan.Zero)
            {
                bytes += f.Start >= from && f.Start <= to ? f.Bytes : 0;
                continue;
            }

            var overlap = (f.End < to ? f.End : to) - (f.Start > from ? f.Start : from);
            if (overlap > TimeSpan.Zero)
            {
                bytes += f.Bytes * (overlap / window);
            }
        }

        return (long)Math.Round(bytes);
    }
}
