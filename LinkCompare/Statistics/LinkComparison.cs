using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Statistics;

/// <summary>
/// Turns a run's samples into intervals and pairwise differences — the one computation behind the report, the console
/// summary and the Links page, so they show the same figures. Each series and pair derives its seed from the run's
/// seed and its name, so adding a link never changes another pair's interval.
/// </summary>
public static class LinkComparison
{
    /// <summary>The run's intervals; <see cref="RunComparison.None"/> when the run has no samples.</summary>
    public static RunComparison Compute(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Samples is { } samples ? Compute(samples) : RunComparison.None;
    }

    /// <summary>The intervals of <paramref name="samples"/>.</summary>
    public static RunComparison Compute(RunSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var settings = new BootstrapSettings(samples.Resamples, samples.Confidence, samples.Seed);
        var series = samples.Series.Where(s => s is not null).ToList();
        var links = series.Select(s => s.Link).Distinct(StringComparer.Ordinal).ToList();
        var hops = series.Select(s => s.Hop).Distinct(StringComparer.Ordinal)
            .OrderBy(h => h == SampleSeries.EndToEnd ? -1 : HopOrder.Rank(h)).ThenBy(h => h, StringComparer.Ordinal).ToList();
        var figures = links.SelectMany(l => hops.Select(h => series.FirstOrDefault(s => s.Link == l && s.Hop == h)))
            .Where(s => s is not null).Select(s => Figures(s!, settings)).ToList();
        var pairs = new List<PairDifference>();
        foreach (var hop in hops)
        {
            for (var i = 0; i < links.Count; i++)
            {
                for (var j = i + 1; j < links.Count; j++)
                {
                    var a = series.FirstOrDefault(s => s.Link == links[i] && s.Hop == hop);
                    var b = series.FirstOrDefault(s => s.Link == links[j] && s.Hop == hop);
                    if (a is null || b is null)
                    {
                        continue;
                    }

                    pairs.Add(Difference(a, b, "p50", 0.50, settings));
                    pairs.Add(Difference(a, b, "p99", 0.99, settings));
                }
            }
        }

        return new RunComparison(
            settings, samples.HopSource, figures, pairs,
            samples.Floor is { } floor ? Figures(floor, settings) : null,
            samples.SchedulerLag is { } lag ? Figures(lag, settings) : null);
    }

    /// <summary>One series' p50 and p99 with intervals.</summary>
    public static SeriesFigures Figures(SampleSeries series, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(settings);
        var values = series.ValuesMs ?? [];
        var name = $"{series.Link}/{series.Hop}";
        return new SeriesFigures(
            series.Link, series.Hop, values.Count,
            Bootstrap.Percentile(values, 0.50, settings, Bootstrap.SeedFor(settings.Seed, name + "/p50")),
            Bootstrap.Percentile(values, 0.99, settings, Bootstrap.SeedFor(settings.Seed, name + "/p99")));
    }

    /// <summary>quantile(a) − quantile(b) with its interval and verdict.</summary>
    public static PairDifference Difference(SampleSeries a, SampleSeries b, string name, double q, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(settings);
        var va = a.ValuesMs ?? [];
        var vb = b.ValuesMs ?? [];
        var seed = Bootstrap.SeedFor(settings.Seed, $"{a.Link}-{b.Link}/{a.Hop}/{name}");
        return new PairDifference(a.Hop, a.Link, b.Link, name, va.Count, vb.Count, Bootstrap.PercentileDifference(va, vb, q, settings, seed));
    }
}
