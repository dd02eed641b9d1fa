namespace TracingLab.LinkCompare.Statistics;

/// <summary>One series' p50 and p99 with intervals (null: fewer than <see cref="BootstrapSettings.MinSamples"/> samples).</summary>
/// <param name="Link">The link (or "floor" / "scheduler").</param>
/// <param name="Hop">The hop, or end-to-end.</param>
/// <param name="Count">Samples the intervals use.</param>
/// <param name="P50">Median with interval.</param>
/// <param name="P99">99th percentile with interval.</param>
public sealed record SeriesFigures(string Link, string Hop, int Count, Interval? P50, Interval? P99)
{
    /// <summary>p99 − p50 of the samples (the series' spread), or null.</summary>
    public double? Spread => P50 is { } a && P99 is { } b ? b.Estimate - a.Estimate : null;
}
