using TracingLab.Dashboard.ServiceMap;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Metrics;

/// <summary>Request rate and latency of one service over the window, and where the figures came from.</summary>
public sealed record ServiceRequestStats(string Service, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, string Source);

/// <summary>
/// Request rate and latency per service, from the http.server.request.duration histogram (cumulative, as the .NET
/// SDK exports it): the difference between the newest point and the newest point at least a window older. Services
/// that export no such histogram fall back to their server spans.
/// </summary>
public static class RequestMetrics
{
    public const string DurationInstrument = "http.server.request.duration";

    public static IReadOnlyList<ServiceRequestStats> Compute(TelemetryStore store, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = new List<ServiceRequestStats>();
        var fromMetrics = store.GetMetrics().Where(m => m.Series.Name == DurationInstrument && m.Series.Type == MetricType.Histogram)
            .GroupBy(m => m.Series.Resource.ServiceName, StringComparer.Ordinal);
        foreach (var service in fromMetrics)
        {
            if (FromHistograms(service.Key, service, window) is { } stats)
            {
                result.Add(stats);
            }
        }

        var covered = result.Select(r => r.Service).ToHashSet(StringComparer.Ordinal);
        result.AddRange(FromSpans(store, window).Where(s => !covered.Contains(s.Service)));
        return [.. result.OrderBy(r => r.Service, StringComparer.Ordinal)];
    }

    private static ServiceRequestStats? FromHistograms(string service, IEnumerable<MetricSeriesSnapshot> series, TimeSpan window)
    {
        var all = series.ToList();
        var windowEnd = all.Max(s => s.Points[^1].TimeUnixNano);
        var windowNanos = (ulong)window.Ticks * 100;
        var windowStart = windowEnd > windowNanos ? windowEnd - windowNanos : 0;
        var earliest = windowEnd;
        long count = 0;
        IReadOnlyList<double>? bounds = null;
        double[]? buckets = null;
        var scale = 1.0;

        // A series holds one cumulative stream per process start (StartUnixNano); a restart begins a new one.
        foreach (var stream in all.SelectMany(s => s.Points.GroupBy(p => p.StartUnixNano).Select(g => (s.Series, Points: g.ToList()))))
        {
            var latest = stream.Points[^1];
            if (latest.TimeUnixNano < windowStart)
            {
                continue;
            }

            var baseline = stream.Points.LastOrDefault(p => p.TimeUnixNano <= windowStart);
            earliest = Math.Min(earliest, Math.Max(windowStart, baseline?.TimeUnixNano ?? latest.StartUnixNano));
            count += (long)(latest.Count - (baseline?.Count ?? 0));
            scale = stream.Series.Unit == "s" ? 1000 : 1;
            if (latest.ExplicitBounds is { } b && latest.BucketCounts is { } c && (bounds is null || bounds.SequenceEqual(b)))
            {
                bounds = b;
                buckets ??= new double[c.Count];
                for (var i = 0; i < c.Count; i++)
                {
                    buckets[i] += c[i] - (baseline?.BucketCounts is { } bc && bc.Count == c.Count ? bc[i] : 0);
                }
            }
        }

        var seconds = (windowEnd - earliest) / 1e9;
        if (seconds <= 0 || count <= 0)
        {
            return null;
        }

        return new ServiceRequestStats(service, count / Math.Max(seconds, 1),
            BucketPercentile(bounds, buckets, 0.50) * scale, BucketPercentile(bounds, buckets, 0.99) * scale, count, "metrics");
    }

    /// <summary>Percentile from explicit-bucket counts, interpolating linearly inside the bucket.</summary>
    public static double BucketPercentile(IReadOnlyList<double>? bounds, IReadOnlyList<double>? counts, double p)
    {
        if (bounds is null || counts is null || counts.Count == 0)
        {
            return 0;
        }

        var total = counts.Sum();
        if (total <= 0)
        {
            return 0;
        }

        var target = p * total;
        double cumulative = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (cumulative + counts[i] >= target && counts[i] > 0)
            {
                var lower = i == 0 ? 0 : bounds[i - 1];
                var upper = i < bounds.Count ? bounds[i] : lower;
                return lower + ((upper - lower) * ((target - cumulative) / counts[i]));
            }

            cumulative += counts[i];
        }

        return bounds.Count > 0 ? bounds[^1] : 0;
    }

    private static IEnumerable<ServiceRequestStats> FromSpans(TelemetryStore store, TimeSpan window)
    {
        var spans = store.QuerySpans(new SpanQuery(Limit: 200_000)).Items.Where(s => s.Kind == 2).ToList();
        if (spans.Count == 0)
        {
            yield break;
        }

        var newest = spans.Max(s => s.EndUnixNano);
        var from = newest - (ulong)(window.Ticks * 100);
        foreach (var service in spans.Where(s => s.EndUnixNano >= from).GroupBy(s => s.Resource.ServiceName, StringComparer.Ordinal))
        {
            var durations = service.Select(s => s.DurationMs).Order().ToArray();
            var seconds = Math.Max(1, (newest - service.Min(s => s.StartUnixNano)) / 1e9);
            seconds = Math.Min(seconds, window.TotalSeconds);
            yield return new ServiceRequestStats(service.Key, durations.Length / seconds,
                ServiceMapBuilder.Percentile(durations, 0.5), ServiceMapBuilder.Percentile(durations, 0.99), durations.Length, "server spans");
        }
    }
}
