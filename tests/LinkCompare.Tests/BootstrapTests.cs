using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Statistics;

namespace TracingLab.LinkCompare.Tests;

public sealed class BootstrapTests
{
    private static readonly BootstrapSettings Settings = new(Resamples: 1000, Confidence: 0.95, Seed: 3);

    [Theory]
    [InlineData(0.0000001, 0.44, false)] // float noise above 0: printed [0.000, +0.440], which includes 0
    [InlineData(0.0004, 0.44, false)]
    [InlineData(0.001, 0.44, true)]
    [InlineData(-0.3, -0.0004, false)]
    [InlineData(-0.3, -0.001, true)]
    public void AnIntervalExcludesZeroOnlyAsItIsPrinted(double low, double high, bool excludes)
    {
        var difference = new PairDifference("end-to-end", "tgw", "privatelink", "p50", 3000, 3000, new Interval((low + high) / 2, low, high));

        Assert.Equal(excludes, difference.Distinguishable);
        Assert.Equal(excludes, difference.Sentence.EndsWith("— distinguishable on this run", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoLinksDrawnFromTheSameDistributionAreNotDistinguishable()
    {
        var a = Series("tgw", Exponential(1000, seed: 1, offset: 1.0));
        var b = Series("peering", Exponential(1000, seed: 2, offset: 1.0));

        var p50 = LinkComparison.Difference(a, b, "p50", 0.50, Settings);

        Assert.False(p50.Distinguishable, p50.Sentence);
        Assert.Contains("not distinguishable on this run (the interval includes 0)", p50.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoLinksWithAKnownOffsetAreDistinguishable()
    {
        var a = Series("tgw", Exponential(1000, seed: 1, offset: 1.1, scale: 0.05));
        var b = Series("peering", Exponential(1000, seed: 2, offset: 1.0, scale: 0.05));

        var p50 = LinkComparison.Difference(a, b, "p50", 0.50, Settings);

        Assert.True(p50.Distinguishable, p50.Sentence);
        Assert.StartsWith("tgw vs peering on servicea→serviceb: p50 +0.", p50.Sentence, StringComparison.Ordinal);
        Assert.InRange(p50.Difference!.Value.Estimate, 0.07, 0.13);
        Assert.EndsWith("— distinguishable on this run", p50.Sentence, StringComparison.Ordinal);
        Assert.InRange(p50.Difference!.Value.Low, 0.03, p50.Difference!.Value.Estimate);
        Assert.InRange(p50.Difference!.Value.High, p50.Difference!.Value.Estimate, 0.17);
    }

    [Fact]
    public void SameDistributionRunsAreMostlyNotDistinguishable()
    {
        var calledDifferent = 0;
        for (var trial = 0; trial < 40; trial++)
        {
            var a = Series("tgw", Normal(400, seed: 100 + trial, mean: 2, sd: 0.3));
            var b = Series("peering", Normal(400, seed: 500 + trial, mean: 2, sd: 0.3));
            calledDifferent += LinkComparison.Difference(a, b, "p50", 0.5, Settings with { Seed = trial }).Distinguishable ? 1 : 0;
        }

        // At 95 % about 2 in 40 would be called different by chance; 8 would mean the intervals are far too narrow.
        Assert.InRange(calledDifferent, 0, 7);
    }

    [Fact]
    public void TheIntervalContainsTheTrueMedianAtAReasonableRate()
    {
        // The median of Normal(5, 1) is 5.
        var covered = 0;
        const int trials = 60;
        for (var trial = 0; trial < trials; trial++)
        {
            var interval = Bootstrap.Percentile(Normal(300, seed: trial, mean: 5, sd: 1), 0.5, Settings, seed: trial)!.Value;
            covered += interval.Low <= 5 && 5 <= interval.High ? 1 : 0;
        }

        Assert.InRange(covered, 50, trials);
    }

    [Fact]
    public void TheIntervalNarrowsWithMoreSamples()
    {
        var small = Bootstrap.Percentile(Normal(100, seed: 9, mean: 5, sd: 1), 0.5, Settings, seed: 1)!.Value;
        var large = Bootstrap.Percentile(Normal(10_000, seed: 9, mean: 5, sd: 1), 0.5, Settings, seed: 1)!.Value;

        Assert.True(large.Width < small.Width / 4, $"100 samples: width {small.Width}; 10000 samples: width {large.Width}");
    }

    [Fact]
    public void AFixedSeedGivesTheSameIntervalAndAnotherSeedAnother()
    {
        var samples = Normal(500, seed: 4, mean: 3, sd: 1);

        var first = Bootstrap.Percentile(samples, 0.99, Settings, seed: 42);
        var again = Bootstrap.Percentile(samples, 0.99, Settings, seed: 42);
        var other = Bootstrap.Percentile(samples, 0.99, Settings, seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(BootstrapSettings.MinSamples - 1)]
    public void TooFewSamplesSayNotEnoughSamplesInsteadOfNaN(int count)
    {
        var few = Series("tgw", [.. Enumerable.Repeat(1f, count)]);
        var many = Series("peering", Normal(100, seed: 1, mean: 1, sd: 0.1));

        var figures = LinkComparison.Figures(few, Settings);
        var difference = LinkComparison.Difference(few, many, "p50", 0.5, Settings);

        Assert.Null(figures.P50);
        Assert.Null(figures.P99);
        Assert.Null(figures.Spread);
        Assert.False(difference.Distinguishable);
        Assert.Equal($"tgw vs peering on servicea→serviceb: p50 — not enough samples (n = {count} and 100; at least {BootstrapSettings.MinSamples} each needed)", difference.Sentence);
    }

    [Fact]
    public void SignedFiguresUseATrueMinusAndThreeDecimals()
    {
        Assert.Equal("+0.110", PairDifference.WithSign(0.11));
        Assert.Equal("\u22120.040", PairDifference.WithSign(-0.04));
        Assert.Equal("0.000", PairDifference.WithSign(-0.0001));
    }

    [Fact]
    public void ARunComparesEveryPairOnEveryHopAndEndToEnd()
    {
        var series = new List<SampleSeries>();
        foreach (var (link, i) in new[] { ("tgw", 0), ("peering", 1), ("privatelink", 2) })
        {
            series.Add(new SampleSeries(link, SampleSeries.EndToEnd, 200, Normal(200, seed: i, mean: 3, sd: 0.2)));
            series.Add(new SampleSeries(link, "servicea→serviceb", 200, Normal(200, seed: 10 + i, mean: 1, sd: 0.1)));
        }

        var stats = LinkComparison.Compute(new RunSamples(1, 500, 0.95, "probe", series, null, null));

        Assert.Equal(6, stats.Series.Count);
        Assert.Equal(SampleSeries.EndToEnd, stats.Series[0].Hop);
        Assert.Equal(2 * 3 * 2, stats.Pairs.Count);
        Assert.Contains(stats.Pairs, p => p.Sentence.StartsWith("tgw vs privatelink on end-to-end: p99 ", StringComparison.Ordinal));
    }

    internal static SampleSeries Series(string link, float[] values) => new(link, "servicea→serviceb", values.Length, values);

    internal static float[] Exponential(int n, int seed, double offset, double scale = 0.2)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)(offset - (scale * Math.Log(1 - random.NextDouble()))))];
    }

    internal static float[] Normal(int n, int seed, double mean, double sd)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)(mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))))];
    }
}
