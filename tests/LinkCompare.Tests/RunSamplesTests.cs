using System.Text.Json;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Recording;
using TracingLab.LinkCompare.Report;
using TracingLab.LinkCompare.Statistics;

namespace TracingLab.LinkCompare.Tests;

public sealed class RunSamplesTests
{
    [Fact]
    public void ARunWithSamplesRoundTripsThroughJsonAndRendersTheSameIntervals()
    {
        var run = WithSamples(Recorded());

        var json = JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun);
        var again = JsonSerializer.Deserialize(json, LinkCompareJson.Default.CompareRun)!;

        Assert.Equal(json, JsonSerializer.Serialize(again, LinkCompareJson.Default.CompareRun));
        Assert.Equal(run.Samples!.Seed, again.Samples!.Seed);
        Assert.Equal(run.Samples.Series[0].ValuesMs, again.Samples.Series[0].ValuesMs);
        Assert.Equal(ReportMarkdown.Render(run), ReportMarkdown.Render(again));
    }

    [Fact]
    public void TheReportShowsIntervalsSentencesTheFloorAndTheSchedulerLag()
    {
        var markdown = ReportMarkdown.Render(WithSamples(Recorded()));

        Assert.Contains("## Confidence intervals", markdown, StringComparison.Ordinal);
        Assert.Contains("2000 resamples, 95 % intervals, seed 15", markdown, StringComparison.Ordinal);
        Assert.Contains("- tgw vs peering on servicea→serviceb: p50 +0.", markdown, StringComparison.Ordinal);
        Assert.Contains("— distinguishable on this run", markdown, StringComparison.Ordinal);
        Assert.Contains("- tgw vs peering on end-to-end: p50 ", markdown, StringComparison.Ordinal);
        Assert.Contains("| floor (bare responder) | 500 | ", markdown, StringComparison.Ordinal);
        Assert.Contains("| scheduler lag | 500 | ", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOldRunJsonWithoutSamplesStillLoadsAndSaysItHasNoIntervals()
    {
        var old = Recorded();

        Assert.Null(old.Samples);
        Assert.False(LinkComparison.Compute(old).HasSamples);
        Assert.Contains("This run carries no samples", ReportMarkdown.Render(old), StringComparison.Ordinal);
    }

    [Fact]
    public void TheRecorderKeepsEveryRequestsEndToEndAndHopSamples()
    {
        var recorder = new RunRecorder(["tgw"]);
        for (var i = 0; i < 30; i++)
        {
            recorder.Record(new ProbeOutcome("tgw", TimeSpan.FromMilliseconds(2 + (i * 0.01)), true, null, 10, 10, null,
                [new ProbeHop("servicea→serviceb", "127.0.0.1", 0.5, 200), new ProbeHop("serviceb→servicec", "127.0.0.1", 0.3, 502)]));
        }

        var samples = recorder.Samples();

        Assert.Equal([("tgw", SampleSeries.EndToEnd, 30), ("tgw", "servicea→serviceb", 30)], samples.Select(s => (s.Link, s.Hop, s.ValuesMs.Count)));
        Assert.Equal(2f, samples[0].ValuesMs[0], 3);
    }

    [Fact]
    public void AFullReservoirStaysBoundedAndCountsWhatItSaw()
    {
        var reservoir = new SampleReservoir(capacity: 100);
        for (var i = 0; i < 10_000; i++)
        {
            reservoir.Add(i);
        }

        reservoir.Add(double.NaN);
        var series = reservoir.Snapshot("tgw", "lag");

        Assert.Equal(100, series.ValuesMs.Count);
        Assert.Equal(10_000, series.Seen);
        Assert.Contains(series.ValuesMs, v => v > 5000);
    }

    internal static CompareRun Recorded() =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(RepoPaths.TestProject(), "Golden", "run.json")), LinkCompareJson.Default.CompareRun)!;

    internal static CompareRun WithSamples(CompareRun run)
    {
        var series = new List<SampleSeries>();
        foreach (var (link, extra) in new[] { ("tgw", 0.1), ("peering", 0.0) })
        {
            series.Add(new SampleSeries(link, SampleSeries.EndToEnd, 500, BootstrapTests.Exponential(500, seed: link.Length, offset: 3 + extra)));
            series.Add(new SampleSeries(link, "servicea→serviceb", 500, BootstrapTests.Exponential(500, seed: link.Length + 1, offset: 1 + extra, scale: 0.02)));
        }

        return run with
        {
            Samples = new RunSamples(15, 2000, 0.95, "probe", series,
                new SampleSeries("floor", SampleSeries.EndToEnd, 500, BootstrapTests.Exponential(500, seed: 7, offset: 0.2)),
                new SampleSeries("scheduler", "lag", 500, BootstrapTests.Exponential(500, seed: 8, offset: 0.0, scale: 0.01))),
        };
    }
}
