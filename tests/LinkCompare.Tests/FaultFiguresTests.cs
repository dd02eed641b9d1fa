using System.Text;
using System.Xml.Linq;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Faults;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Report;

namespace TracingLab.LinkCompare.Tests;

public sealed class FaultFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private static readonly FaultWindow Blackhole = new("tgw", "blackhole", "", "both", T0.AddSeconds(20), T0.AddSeconds(40), "experiment tgw-blackhole");

    /// <summary>
    /// 60 s at one request per second per link: tgw answers in 2 ms, except that requests sent from 20 s to 39 s time
    /// out after 10 s (the blackhole); peering answers in 3 ms throughout.
    /// </summary>
    private static List<TimedOutcome> Run()
    {
        var outcomes = new List<TimedOutcome>();
        for (var s = 0; s < 60; s++)
        {
            var blackholed = s is >= 20 and < 40;
            outcomes.Add(new TimedOutcome("tgw", T0.AddSeconds(s), blackholed ? 10_000 : 2, !blackholed));
            outcomes.Add(new TimedOutcome("peering", T0.AddSeconds(s), 3, true));
        }

        return outcomes;
    }

    [Fact]
    public void RequestsOverlappingALinksWindowCountInsideAndTheRestOutside()
    {
        var faults = FaultFigures.Compute(Run(), [Blackhole], ["tgw", "peering"], T0, T0.AddSeconds(60));

        var tgw = faults.Links[0];
        // Inside: the 20 requests sent in the window; a 2 ms answer sent at 19 s or 40 s does not touch it.
        Assert.Equal(new WindowFigures(20, 20, 10_000, 10_000, 10_000), tgw.Inside);
        Assert.Equal(new WindowFigures(40, 0, 2, 2, 2), tgw.Outside);
        Assert.Equal(1.0, tgw.Inside.ErrorRate);
        Assert.Equal(0.0, tgw.Outside.ErrorRate);
        Assert.Equal(new LinkFaultFigures("peering", new WindowFigures(0, 0, 0, 0, 0), new WindowFigures(60, 0, 3, 3, 3)), faults.Links[1]);
        Assert.Equal([Blackhole], faults.Windows);
    }

    [Fact]
    public void ASlowRequestSentBeforeAWindowThatItsAnswerReachesCountsInside()
    {
        var outcomes = new List<TimedOutcome> { new("tgw", T0.AddSeconds(19), 1_500, true), new("tgw", T0.AddSeconds(18), 500, true) };

        var faults = FaultFigures.Compute(outcomes, [Blackhole], ["tgw"], T0, T0.AddSeconds(60));

        Assert.Equal(1, faults.Links[0].Inside.Sent);
        Assert.Equal(1_500, faults.Links[0].Inside.P50Ms);
    }

    [Fact]
    public void WindowsOutsideTheRunAreLeftOut()
    {
        var before = Blackhole with { Start = T0.AddMinutes(-5), End = T0.AddMinutes(-4) };

        var faults = FaultFigures.Compute(Run(), [before], ["tgw"], T0, T0.AddSeconds(60));

        Assert.Empty(faults.Windows);
        Assert.Equal(0, faults.Links[0].Inside.Sent);
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    [InlineData(1, 1)]
    public void PercentilesAreNearestRank(double percent, double expected) =>
        Assert.Equal(expected, FaultFigures.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percent));

    [Fact]
    public void TheTimelineBucketsEachLinksRequestsBySendTime()
    {
        var faults = FaultFigures.Compute(Run(), [Blackhole], ["tgw", "peering"], T0, T0.AddSeconds(60));

        Assert.Equal(1, faults.BucketSeconds);
        Assert.Equal(120, faults.Timeline.Count);
        Assert.Equal(new TimelineBucket("tgw", 20, 1, 1, 10_000, 10_000), faults.Timeline[20]);
        Assert.Equal(new TimelineBucket("peering", 0, 1, 0, 3, 3), faults.Timeline[60]);
        Assert.Equal(5, FaultFigures.BucketSeconds(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void TheReportListsTheWindowsAndTheFiguresInsideAndOutside()
    {
        var run = RunWithFaults();

        var md = ReportMarkdown.Render(run);

        Assert.Contains("## Fault windows", md, StringComparison.Ordinal);
        Assert.Contains("| tgw | `tgw=blackhole` | +20.0 s | +40.0 s | experiment tgw-blackhole |", md, StringComparison.Ordinal);
        Assert.Contains("| tgw | 20 | 100.00 % | 10000.000 / 10000.000 / 10000.000 | 40 | 0.00 % | 2.000 / 2.000 / 2.000 |", md, StringComparison.Ordinal);
        Assert.Contains("| peering | 0 | – | – | 60 | 0.00 % | 3.000 / 3.000 / 3.000 |", md, StringComparison.Ordinal);
        Assert.Contains($"]({ReportMarkdown.FaultTimelineFile})", md, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTimelineChartDrawsEachWindowAsABandInItsLinksLane()
    {
        var svg = FaultTimelineChart.Render(RunWithFaults() with
        {
            Faults = RunWithFaults().Faults! with { Windows = [Blackhole, new FaultWindow("peering", "latency", "200ms", "request", T0.AddSeconds(50), null)] },
        });

        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var bands = document.Descendants(ns + "rect").Where(r => (string?)r.Attribute("class") == "fault-band").ToList();
        Assert.Equal([("tgw", "blackhole"), ("peering", "latency")], bands.Select(b => ((string)b.Attribute("data-link")!, (string)b.Attribute("data-kind")!)));
        Assert.Equal("tgw=blackhole from 03:00:20 to 03:00:40 (experiment tgw-blackhole)", bands[0].Element(ns + "title")!.Value);
        Assert.Contains("still active", bands[1].Element(ns + "title")!.Value, StringComparison.Ordinal);
        // The tgw band spans a third of the plot (20 of 60 s) and starts a third of the way in.
        var x = double.Parse((string)bands[0].Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        var width = double.Parse((string)bands[0].Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(690.0 / 3, width, 1);
        Assert.Equal(90 + (690.0 / 3), x, 1);
    }

    [Fact]
    public async Task TheReportFolderHoldsTheTimelineOnlyForARunWithFaultFigures()
    {
        var with = Directory.CreateTempSubdirectory("faults-report-");
        var without = Directory.CreateTempSubdirectory("faults-report-");
        try
        {
            await ReportWriter.WriteAsync(RunWithFaults(), with.FullName);
            await ReportWriter.WriteAsync(RunWithFaults() with { Faults = null }, without.FullName);

            Assert.True(File.Exists(Path.Combine(with.FullName, ReportMarkdown.FaultTimelineFile)));
            Assert.False(File.Exists(Path.Combine(without.FullName, ReportMarkdown.FaultTimelineFile)));
            Assert.DoesNotContain("## Fault windows", await File.ReadAllTextAsync(Path.Combine(without.FullName, ReportWriter.ReportFile), Encoding.UTF8), StringComparison.Ordinal);
        }
        finally
        {
            with.Delete(true);
            without.Delete(true);
        }
    }

    private static CompareRun RunWithFaults()
    {
        var latency = new LatencySummary(60, 2, 2, 2, 2, 2, 2, 2);
        LinkResult Link(string name) => new(name, 60, 60, 0, new Dictionary<string, long>(), latency, [], [], [], 0, 0, null);
        return new CompareRun(
            "r-faults", T0, T0.AddSeconds(60), "http://127.0.0.1:5101", 1, 60, "local", [Link("tgw"), Link("peering")], [], [], null, [],
            Faults: FaultFigures.Compute(Run(), [Blackhole], ["tgw", "peering"], T0, T0.AddSeconds(60)));
    }
}
