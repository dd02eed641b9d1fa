using System.Text;
using TracingLab.Otlp.Metrics.V1;

namespace TracingLab.Dashboard.Store;

/// <summary>Identifies the series a point belongs to and carries what is needed to create it.</summary>
internal sealed record MetricSeriesKey(string Key, string Name, string Description, string Unit, MetricType Type, ResourceInfo Resource, ScopeInfo Scope, Attr[] Attributes);

/// <summary>OTLP metric data points to <see cref="MetricPoint"/>s, one series per resource, instrument and attribute set.</summary>
internal static class MetricConversion
{
    public static int PointCount(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 0,
    };

    public static void AddPoints(
        Metric metric, ResourceInfo resource, ScopeInfo scope, Interner interner,
        List<(MetricSeriesKey, MetricPoint)> points, ref int rejected, ref string? error)
    {
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                foreach (var p in metric.Gauge.DataPoints)
                {
                    points.Add((Key(metric, MetricType.Gauge, resource, scope, p.Attributes, interner), Number(p)));
                }

                break;
            case Metric.DataOneofCase.Sum:
                foreach (var p in metric.Sum.DataPoints)
                {
                    points.Add((Key(metric, MetricType.Sum, resource, scope, p.Attributes, interner), Number(p)));
                }

                break;
            case Metric.DataOneofCase.Histogram:
                foreach (var p in metric.Histogram.DataPoints)
                {
                    if (p.BucketCounts.Count != 0 && p.BucketCounts.Count != p.ExplicitBounds.Count + 1)
                    {
                        rejected++;
                        error ??= $"histogram '{metric.Name}' has {p.BucketCounts.Count} bucket counts for {p.ExplicitBounds.Count} bounds; expected bounds + 1";
                        continue;
                    }

                    points.Add((Key(metric, MetricType.Histogram, resource, scope, p.Attributes, interner),
                        new MetricPoint(p.StartTimeUnixNano, p.TimeUnixNano, 0, p.Count, p.HasSum ? p.Sum : 0, [.. p.ExplicitBounds], [.. p.BucketCounts])));
                }

                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                foreach (var p in metric.ExponentialHistogram.DataPoints)
                {
                    points.Add((Key(metric, MetricType.ExponentialHistogram, resource, scope, p.Attributes, interner),
                        new MetricPoint(p.StartTimeUnixNano, p.TimeUnixNano, 0, p.Count, p.HasSum ? p.Sum : 0, null, null)));
                }

                break;
            case Metric.DataOneofCase.Summary:
                foreach (var p in metric.Summary.DataPoints)
                {
                    points.Add((Key(metric, MetricType.Summary, resource, scope, p.Attributes, interner),
                        new MetricPoint(p.StartTimeUnixNano, p.TimeUnixNano, 0, p.Count, p.Sum, null, null)));
                }

                break;
            default:
                rejected++;
                error ??= $"metric '{metric.Name}' has no data; expected gauge, sum, histogram, exponentialHistogram or summary";
                break;
        }
    }

    private static MetricPoint Number(NumberDataPoint p) => new(
        p.StartTimeUnixNano, p.TimeUnixNano, p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble, 0, 0, null, null);

    private static MetricSeriesKey Key(
        Metric metric, MetricType type, ResourceInfo resource, ScopeInfo scope,
        Google.Protobuf.Collections.RepeatedField<TracingLab.Otlp.Common.V1.KeyValue> attributes, Interner interner)
    {
        var attrs = OtlpValues.ToAttrs(attributes, interner);
        var key = new StringBuilder(resource.ServiceName).Append('\u001e').Append(resource.InstanceId).Append('\u001e').Append(metric.Name);
        foreach (var a in attrs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            key.Append('\u001e').Append(a.Key).Append('=').Append(a.DisplayValue);
        }

        return new MetricSeriesKey(key.ToString(), interner.Intern(metric.Name), metric.Description, metric.Unit, type, resource, scope, attrs);
    }
}
