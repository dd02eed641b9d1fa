using HdrHistogram;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Recording;

/// <summary>
/// A thread-safe HdrHistogram of latencies in microseconds (1 µs to 1 h, 3 significant digits), with the summary and
/// CDF the report draws. Summaries may be read while values are recorded (the live posts of a run): they read a copy
/// taken under the lock, because HdrHistogram's iterators throw when the histogram changes underneath them.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestMicros = 3_600_000_000;
    private readonly LongHistogram _histogram = new(1, HighestMicros, 3);
    private readonly Lock _lock = new();

    /// <summary>The fractions of the CDF: 0.01 … 1.00 every 0.01, plus the tail 0.999 and 0.9999.</summary>
    public static IReadOnlyList<double> CdfFractions { get; } =
        [.. Enumerable.Range(1, 99).Select(i => i / 100.0), 0.999, 0.9999, 1.0];

    /// <summary>Values recorded so far.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    /// <summary>Records one latency; negative values count as 0, values above 1 h as 1 h.</summary>
    public void Record(TimeSpan latency) => RecordMilliseconds(latency.TotalMilliseconds);

    /// <summary>Records one latency in milliseconds.</summary>
    public void RecordMilliseconds(double milliseconds)
    {
        var micros = double.IsFinite(milliseconds) ? (long)Math.Round(milliseconds * 1000) : HighestMicros;
        lock (_lock)
        {
            _histogram.RecordValue(Math.Clamp(micros, 1, HighestMicros));
        }
    }

    /// <summary>Percentiles in milliseconds (3 decimals); all zero when empty.</summary>
    public LatencySummary Summary()
    {
        var histogram = Snapshot();
        if (histogram.TotalCount == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        }

        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.GetValueAtPercentile(0)),
            Math.Round(histogram.GetMean() / 1000, 3),
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()));
    }

    /// <summary>The CDF at <see cref="CdfFractions"/>; empty when nothing was recorded.</summary>
    public IReadOnlyList<CdfPoint> Cdf()
    {
        var histogram = Snapshot();
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        return [.. CdfFractions.Select(f => new CdfPoint(f, f >= 1.0 ? Ms(histogram.GetMaxValue()) : Ms(histogram.GetValueAtPercentile(f * 100))))];
    }

    private HistogramBase Snapshot()
    {
        lock (_lock)
        {
            return _histogram.Copy();
        }
    }

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
