using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Faults;
using TracingLab.LabConsole.ServiceMap;
using TracingLab.LinkCompare.Model;
using TracingLab.AspireTelemetry;
using TracingLab.LabConsole.Tests.Support;

namespace TracingLab.LabConsole.Tests;

public class PagesTests
{
    private static readonly Dictionary<string, string?> Open = new() { ["LabConsole:AllowAnonymous"] = "true" };

    [Fact]
    public async Task XRayPageShowsTheDashboardsTraceAsSegmentsWithTimelineAndMap()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        var index = await console.Api.GetStringAsync(new Uri("/xray", UriKind.Relative));
        var page = await console.Api.GetStringAsync(new Uri($"/xray/{hops.XRayTraceId}", UriKind.Relative));

        Assert.Contains($"xray/{hops.XRayTraceId}", index, StringComparison.Ordinal);
        Assert.Equal(LabHops.SpanCount, page.Split("data-testid=\"xray-row\"").Length - 1);
        Assert.Contains("data-testid=\"xray-timeline\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"xray-map\"", page, StringComparison.Ordinal);
        Assert.Contains($"{dashboard.Url.GetLeftPart(UriPartial.Authority)}/traces/detail/{hops.OtelTraceId}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XRayPageSaysItIsWaitingForATraceTheDashboardDoesNotHoldYetInsteadOfThatThereIsNone()
    {
        var hops = new LabHops();

        var page = await XRayPageAsync(hops, held: null);

        Assert.Contains("Waiting for the Aspire dashboard to receive this trace", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"xray-not-found\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XRayPageSaysItIsWaitingWhileAServiceInTheMiddleHasNotExportedItsSpans()
    {
        var hops = new LabHops();
        var partial = hops.Request();
        partial.ResourceSpans.RemoveAt(1); // serviceb's spans: servicec's server span now names a parent the trace lacks

        var page = await XRayPageAsync(hops, partial);

        Assert.Contains("Waiting for the rest of this trace", page, StringComparison.Ordinal);
        Assert.Equal(LabHops.SpanCount - 2, page.Split("data-testid=\"xray-row\"").Length - 1);
    }

    [Fact]
    public async Task XRayPageSaysItIsWaitingWhenOnlyTheMiddleServiceHasExportedAFreshTrace()
    {
        // serviceb alone: its server span is the earliest held, so no missing parent shows; the trace's age does.
        var hops = new LabHops();
        var partial = hops.Request();
        partial.ResourceSpans.RemoveAt(2);
        partial.ResourceSpans.RemoveAt(0);

        var page = await XRayPageAsync(hops, partial);

        Assert.Contains("Waiting for the rest of this trace", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XRayPageIsNotWaitingForACompleteTraceThatEndedAWhileAgo()
    {
        var hops = new LabHops();

        var page = await XRayPageAsync(hops, hops.Request(), after: TimeSpan.FromMinutes(1));

        Assert.DoesNotContain("data-testid=\"xray-waiting\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"xray-not-found\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageShowsTheFeedsRelaysWithTheirState()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var feed = await FakeLinksFeed.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, feed.Url, Open);

        var page = await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative));

        Assert.Contains("127.0.0.1:41002", page, StringComparison.Ordinal);
        Assert.Contains("<td data-testid=\"relay-state\">off</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td data-testid=\"relay-state\">on</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageNamesEveryLinkInItsColourWithWhatItChanges()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);

        var page = System.Net.WebUtility.HtmlDecode(await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative)));

        Assert.Contains("data-testid=\"links-legend\"", page, StringComparison.Ordinal);
        Assert.Contains("<li data-link=\"lattice\"><span class=\"tl-link-tag\" style=\"border-left-color:#ff7f0e\">lattice</span> VPC Lattice: an HTTP proxy hop", page, StringComparison.Ordinal);
        Assert.Contains("the caller in x-forwarded-for", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageCommandsCallServiceAWhereTheAppHostStartedIt()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        var settings = new Dictionary<string, string?>(Open) { ["LabConsole:ServiceAUrl"] = "http://127.0.0.1:45101" };
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: settings);

        var page = await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative));

        Assert.Contains("--target http://127.0.0.1:45101 ", page, StringComparison.Ordinal);
        Assert.Contains("curl http://127.0.0.1:45101/lab/hops?via=tgw", page, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:5101", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageShowsEachLinksIntervalsAndTheDifferencesInWords()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        var random = new Random(5);
        float[] Draw(double offset) => [.. Enumerable.Range(0, 400).Select(_ => (float)(offset + (0.02 * random.NextDouble())))];
        var run = FakeLinksFeed.Run("r-intervals") with
        {
            Samples = new RunSamples(15, 500, 0.95, "probe",
                [new SampleSeries("tgw", "servicea→serviceb", 400, Draw(1.1)), new SampleSeries("peering", "servicea→serviceb", 400, Draw(1.0))],
                new SampleSeries("floor", SampleSeries.EndToEnd, 400, Draw(0.2)),
                new SampleSeries("scheduler", "lag", 3, [0.1f, 0.2f, 0.3f])),
        };
        using var posted = await console.Api.PostAsync(
            new Uri("/api/links/runs", UriKind.Relative),
            new StringContent(System.Text.Json.JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun), System.Text.Encoding.UTF8, "application/json"));
        posted.EnsureSuccessStatusCode();

        var page = System.Net.WebUtility.HtmlDecode(await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative)));

        Assert.Contains("data-testid=\"links-intervals\"", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("data-testid=\"interval-row\"").Length - 1);
        Assert.Contains("500 resamples, 95 % intervals, seed 15", page, StringComparison.Ordinal);
        Assert.Matches(@"tgw vs peering on servicea→serviceb: p50 \+0\.1\d\d ms \[\+0\.\d{3}, \+0\.\d{3}\] — distinguishable on this run", page);
        Assert.Contains("floor (bare responder)", page, StringComparison.Ordinal);
        Assert.Contains("not enough samples", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageShowsAnOlderRunWithoutSamplesWithoutIntervals()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        using var posted = await console.Api.PostAsync(
            new Uri("/api/links/runs", UriKind.Relative),
            new StringContent(System.Text.Json.JsonSerializer.Serialize(FakeLinksFeed.Run("r-old"), LinkCompareJson.Default.CompareRun), System.Text.Encoding.UTF8, "application/json"));
        posted.EnsureSuccessStatusCode();

        var page = await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative));

        Assert.Contains("r-old", page, StringComparison.Ordinal);
        Assert.Contains("no intervals", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageShowsEachActiveFaultWithItsParametersDirectionAndSinceWhen()
    {
        var now = FakeLinksFeed.T0.AddMinutes(2);
        var window = new FaultWindow("peering", "latency", "200ms~50ms", "response", FakeLinksFeed.T0.AddSeconds(30), null, "--link-faults");
        var relays = new[]
        {
            FakeLinksFeed.Relays[0] with { Faults = [new ActiveFault("blackhole", "blackhole every byte held (both ways)")] },
            FakeLinksFeed.Relays[0] with { Link = "peering", Faults = [new ActiveFault("latency", "latency 150 ms constant (callee→caller)")] },
        };
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var feed = await FakeLinksFeed.StartAsync(new LinksSnapshot(relays, [], [window]));
        await using var console = await TestConsole.StartAsync(dashboard.Url, feed.Url, Open, new FakeTimeProvider(now));
        await WaitForWindowsAsync(console, 2);

        var page = System.Net.WebUtility.HtmlDecode(await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative)));

        var rows = Rows(page, "active-fault");
        Assert.Equal(2, rows.Count);
        // The feed's window names the fault's parameters and start; the blackhole was only seen active, from the first poll.
        Assert.Contains("data-link=\"tgw\" data-kind=\"blackhole\"", rows[0], StringComparison.Ordinal);
        Assert.Contains("both ways", rows[0], StringComparison.Ordinal);
        Assert.Contains("10:02:00 UTC (0 s ago)", rows[0], StringComparison.Ordinal);
        Assert.Contains("data-link=\"peering\" data-kind=\"latency\"", rows[1], StringComparison.Ordinal);
        Assert.Contains("200ms~50ms", rows[1], StringComparison.Ordinal);
        Assert.Contains("callee → caller", rows[1], StringComparison.Ordinal);
        Assert.Contains("10:00:30 UTC (90 s ago)", rows[1], StringComparison.Ordinal);
        Assert.Contains("class=\"fault-band\" data-link=\"peering\" data-kind=\"latency\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"fault-band\" data-link=\"tgw\" data-kind=\"blackhole\"", page, StringComparison.Ordinal);
        Assert.Equal(2, Rows(page, "fault-window").Count);
    }

    [Fact]
    public async Task LinksPageSaysNoFaultIsActiveWhenTheRelaysHaveNone()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var feed = await FakeLinksFeed.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, feed.Url, Open);

        var page = await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative));

        Assert.Contains("data-testid=\"links-no-active-fault\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("fault-band", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageShowsARunsFaultWindowsAsBandsWithTheFiguresInsideAndOutside()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        var t0 = FakeLinksFeed.T0;
        var window = new FaultWindow("tgw", "blackhole", "", "both", t0.AddSeconds(1), t0.AddSeconds(3), "experiment tgw-blackhole");
        var outcomes = Enumerable.Range(0, 5).Select(s => new TimedOutcome("tgw", t0.AddSeconds(s), s is 1 or 2 ? 10_000 : 2, s is not (1 or 2))).ToList();
        var run = FakeLinksFeed.Run("r-faults") with { Faults = FaultFigures.Compute(outcomes, [window], ["tgw", "peering", "privatelink"], t0, t0.AddSeconds(5)) };
        using var posted = await console.Api.PostAsync(
            new Uri("/api/links/runs", UriKind.Relative),
            new StringContent(System.Text.Json.JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun), System.Text.Encoding.UTF8, "application/json"));
        posted.EnsureSuccessStatusCode();

        var page = System.Net.WebUtility.HtmlDecode(await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative)));

        var tgw = Rows(page, "run-fault-figures")[0];
        Assert.Matches(@"<td class=""num"">2</td><td class=""num"">100 %</td><td class=""num"">10000\.0 ms / 10000\.0 ms / 10000\.0 ms</td>\s*<td class=""num"">3</td><td class=""num"">0 %</td><td class=""num"">2\.00 ms / 2\.00 ms / 2\.00 ms</td>", tgw);
        Assert.Contains("class=\"fault-band\" data-link=\"tgw\" data-kind=\"blackhole\"", page, StringComparison.Ordinal);
        Assert.Contains("tgw=blackhole from 10:00:01 to 10:00:03 (experiment tgw-blackhole)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWithAFaultWindowEndingBeforeItStartsIsRefusedNamingTheWindow()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        var t0 = FakeLinksFeed.T0;
        var bad = new FaultWindow("tgw", "loss", "5%", "both", t0.AddSeconds(3), t0.AddSeconds(1));
        var run = FakeLinksFeed.Run("r-bad") with { Faults = new RunFaults([bad], [], 1, [], FaultFigures.InsideRule) };

        var (status, _, text) = await console.PostJsonAsync("/api/links/runs", System.Text.Json.JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun));

        Assert.Equal(400, status);
        Assert.Contains("tgw=loss:5%", text, StringComparison.Ordinal);
        Assert.Contains("end at or after start", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceMapOfOneTraceLabelsEachCallWithItsLink()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        var page = await console.Api.GetStringAsync(new Uri($"/map?trace={hops.XRayTraceId}", UriKind.Relative));
        var map = ServiceMapBuilder.Build([new LocalTrace(default, hops.Request().ResourceSpans)]);

        Assert.Equal(
            [("servicea", "serviceb", "privatelink", 1), ("serviceb", "servicec", "peering", 1)],
            map.Edges.Select(e => (e.From, e.To, e.Link, e.Count)));
        Assert.Equal(35, map.Edges[0].P50Ms, 3);
        Assert.Equal(2, page.Split("data-testid=\"map-edge\"").Length - 1);
        Assert.Contains("privatelink", page, StringComparison.Ordinal);
    }

    // The console's watch polls the feed once at start, then on every tick of the (frozen) clock: wait for that poll.
    private static async Task WaitForWindowsAsync(TestConsole console, int count)
    {
        var tracker = console.Services.GetRequiredService<FaultWindowTracker>();
        using var cts = new CancellationTokenSource(TestConsole.Timeout);
        while (tracker.Windows().Count < count)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private static List<string> Rows(string page, string testId) =>
        [.. page.Split("<tr data-testid=\"" + testId + "\"").Skip(1).Select(r => r[..r.IndexOf("</tr>", StringComparison.Ordinal)])];

    /// <summary>The prerendered X-Ray page of <paramref name="hops"/>'s trace, with a dashboard that holds <paramref name="held"/> (or nothing).</summary>
    // The console's clock stands still at the trace's start plus after, so whether a trace is fresh does not depend
    // on how long the console takes to start and render.
    private static async Task<string> XRayPageAsync(
        LabHops hops, TracingLab.Otlp.Collector.Trace.V1.ExportTraceServiceRequest? held, TimeSpan after = default)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds((long)(hops.StartUnixNano / 1_000_000UL)) + after);
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open, time: time);
        if (held is not null)
        {
            dashboard.Add(held);
        }

        return await console.Api.GetStringAsync(new Uri($"/xray/{hops.XRayTraceId}", UriKind.Relative));
    }
}
