namespace TracingLab.LinkCompare.Model;

/// <summary>
/// The raw samples a run keeps for its confidence intervals, and the bootstrap settings that turn them into the
/// intervals, so the report and the Links page recompute the same figures from <c>run.json</c>. Bounded: each series
/// is a uniform reservoir of at most <see cref="SampleSeries.MaxValues"/> values.
/// </summary>
/// <param name="Seed">The bootstrap's seed (each series derives its own from it and its name).</param>
/// <param name="Resamples">Bootstrap resamples per interval.</param>
/// <param name="Confidence">The intervals' confidence level, e.g. 0.95.</param>
/// <param name="HopSource">Where the per-hop samples come from: "probe" (every request's hop report).</param>
/// <param name="Series">Per link: end-to-end latency and each hop's latency.</param>
/// <param name="Floor">A bare local responder called through the same HttpClient stack at the same rate, or null.</param>
/// <param name="SchedulerLag">How late each request left relative to its scheduled time, or null.</param>
public sealed record RunSamples(
    int Seed,
    int Resamples,
    double Confidence,
    string HopSource,
    IReadOnlyList<SampleSeries> Series,
    SampleSeries? Floor,
    SampleSeries? SchedulerLag);

/// <summary>The samples of one series, in milliseconds.</summary>
/// <param name="Link">The link ("floor" / "scheduler" for the run's own noise).</param>
/// <param name="Hop">A hop such as servicea→serviceb, or <see cref="EndToEnd"/>.</param>
/// <param name="Seen">How many values were offered (more than <paramref name="ValuesMs"/> holds when the reservoir was full).</param>
/// <param name="ValuesMs">The kept values.</param>
public sealed record SampleSeries(string Link, string Hop, long Seen, IReadOnlyList<float> ValuesMs)
{
    /// <summary>The hop name of a link's end-to-end <c>/lab/hops</c> latency.</summary>
    public const string EndToEnd = "end-to-end";

    /// <summary>At most this many values are kept per series (a default run, 50/s × 60 s = 3,000 per series, fits whole).</summary>
    public const int MaxValues = 20_000;
}
