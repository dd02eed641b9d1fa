namespace TracingLab.LinkCompare.Statistics;

/// <summary>A run's intervals: per link and hop, each pair's differences, and the run's own noise (floor, scheduler lag).</summary>
/// <param name="Settings">The bootstrap settings used.</param>
/// <param name="HopSource">Where the per-hop samples come from.</param>
/// <param name="Series">Per link: end-to-end first, then each hop.</param>
/// <param name="Pairs">For every pair of links, per hop and end to end: p50 and p99 differences.</param>
/// <param name="Floor">The bare local responder's figures, or null.</param>
/// <param name="SchedulerLag">How late requests left, or null.</param>
public sealed record RunComparison(
    BootstrapSettings Settings,
    string HopSource,
    IReadOnlyList<SeriesFigures> Series,
    IReadOnlyList<PairDifference> Pairs,
    SeriesFigures? Floor,
    SeriesFigures? SchedulerLag)
{
    /// <summary>A run without samples (written before intervals existed).</summary>
    public static RunComparison None { get; } = new(new BootstrapSettings(), "", [], [], null, null);

    /// <summary>True when the run carried samples.</summary>
    public bool HasSamples => Series.Count > 0 || Floor is not null || SchedulerLag is not null;
}
