using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tests;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"link-compare-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task ARunAgainstTheFakeLabWritesAReportWithEveryLinkAndPostsTheRun()
    {
        await using var lab = await FakeLab.StartAsync(apiKey: "k1");
        var (exit, output, err) = await CompareArgumentsTests.RunAsync(
            ["--target", lab.Url.ToString(), "--dashboard", lab.Url.ToString(), "--console", lab.Url.ToString(), "--rate", "20", "--duration", "1", "--warmup", "0.2", "--trace-wait", "0", "--out", _out],
            n => n == "TRACINGLAB_API_KEY" ? "k1" : null);

        Assert.True(exit == 0, $"exit {exit}; stdout: {output}; stderr: {err}");
        var run = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_out, "run.json")), LinkCompareJson.Default.CompareRun)!;
        Assert.Equal(["tgw", "peering", "privatelink", "lattice"], run.Links.Select(l => l.Link));
        Assert.All(run.Links, l => Assert.Equal((20L, 0L), (l.Sent, l.Failed)));
        Assert.All(run.Links, l => Assert.Equal(102, l.Cdf.Count));
        Assert.All(run.Links, l => Assert.Equal(["servicea→serviceb", "serviceb→servicec", "servicea→servicec"], l.Hops.Select(h => h.Hop)));
        Assert.All(run.Links, l => Assert.All(l.Hops, h => Assert.Equal("trace", h.Source)));
        Assert.InRange(run.Links[0].Hops[0].Latency.P50Ms, 1.99, 2.01);
        Assert.Equal("127.0.0.2", Assert.Single(run.Links[2].RemoteAddresses.Select(a => a.Address).Distinct()));
        Assert.Equal("127.0.0.1", Assert.Single(run.Links[0].RemoteAddresses.Select(a => a.Address).Distinct()));
        Assert.Equal("127.0.171.2", Assert.Single(run.Links[3].RemoteAddresses.Select(a => a.Address).Distinct()));
        Assert.Equal(2, run.Flows.Count);
        Assert.Single(run.Relays);
        Assert.Equal("local", run.Environment);
        Assert.Equal(["tgw", "peering", "privatelink", "lattice"], run.Cost!.Lines.Select(c => c.Link));
        Assert.Contains(run.Cost.Lines[3].Breakdown, b => b.StartsWith("2 Lattice services", StringComparison.Ordinal));
        // The fake lab's records start 1 s before the run: they count by their overlap with it, so less than 5000 B.
        var tgwBytes = run.Cost.Assumptions.Single(a => a.StartsWith("tgw: bytes from the relays' flow records during the run (", StringComparison.Ordinal));
        var counted = long.Parse(Regex.Match(tgwBytes, @"during the run \((\d+) B").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(counted, 1, 4999);
        Assert.Contains(run.Notes, n => n.StartsWith("2 of 2 flow records began before the measured run", StringComparison.Ordinal));
        Assert.Contains(run.Cost.Assumptions, a => a.StartsWith("peering: no flow records", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Notes, n => n.Contains("could not be read", StringComparison.Ordinal) || n.Contains("did not keep", StringComparison.Ordinal));

        var posted = JsonSerializer.Deserialize(Assert.Single(lab.PostedRuns), LinkCompareJson.Default.CompareRun)!;
        Assert.Equal(run.RunId, posted.RunId);
        // One query reads the run's flows from its start; the others are the fault watch's polls during the run.
        Assert.True(
            lab.LinksQueries.Count(q => DateTimeOffset.TryParse(q, out var since) && since == run.Started) == 1,
            $"since = {string.Join(", ", lab.LinksQueries)}, run started {run.Started:O}");
        Assert.NotNull(run.Faults);
        Assert.Empty(run.Faults.Windows);

        var report = File.ReadAllText(Path.Combine(_out, "report.md"));
        foreach (var heading in new[] { "## Summary per link", "## Per-hop latency", "## Remote address each callee saw", "## Flow records", "## Cost at the measured traffic" })
        {
            Assert.Contains(heading, report, StringComparison.Ordinal);
        }

        Assert.Contains("| privatelink | servicea→serviceb | `127.0.0.2` | 20 |", report, StringComparison.Ordinal);
        Assert.Contains("No fault was active on any link during the run", report, StringComparison.Ordinal);
        Assert.Contains("2 000000000000 eni-tgw-serviceb 127.0.0.1 127.0.0.1 40000 5102 6 10 5000", report, StringComparison.Ordinal);
        foreach (var svg in new[] { "latency-cdf.svg", "hop-breakdown.svg", "error-rates.svg" })
        {
            var document = XDocument.Load(Path.Combine(_out, svg));
            Assert.Equal("svg", document.Root!.Name.LocalName);
            Assert.Contains($"({svg})", report, StringComparison.Ordinal);
        }

        Assert.Equal(4, XDocument.Load(Path.Combine(_out, "latency-cdf.svg")).Descendants().Count(e => e.Name.LocalName == "polyline"));
        Assert.Contains("| lattice | servicea→serviceb | `127.0.171.2` | 20 |", report, StringComparison.Ordinal);
        Assert.Contains("report: ", output, StringComparison.Ordinal);
        Assert.Contains("privatelink", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunMarksTheFaultWindowsOfTheFeedAndCountsEachLinksRequestsInsideAndOutside()
    {
        await using var lab = await FakeLab.StartAsync();
        var blackhole = new FaultWindow("tgw", "blackhole", "", "both", DateTimeOffset.UtcNow.AddHours(-1), null, "experiment all-run");
        lab.FaultWindows = [blackhole];
        lab.PrivateLinkFaults = [new ActiveFault("loss", "loss 5%, each loss one RTO from 200 ms (both ways)")];

        var (exit, output, err) = await CompareArgumentsTests.RunAsync(
            ["--target", lab.Url.ToString(), "--dashboard", "none", "--console", lab.Url.ToString(), "--rate", "20", "--duration", "1", "--warmup", "0.2", "--trace-wait", "0", "--out", _out]);

        Assert.True(exit == 0, $"exit {exit}; stdout: {output}; stderr: {err}");
        var faults = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_out, "run.json")), LinkCompareJson.Default.CompareRun)!.Faults!;
        Assert.Equal(blackhole, faults.Windows[0]);
        // The privatelink fault is only seen active: a window from the first poll, still open when the run ended.
        Assert.Equal(("privatelink", "loss", "both", FaultWindow.Observed, (DateTimeOffset?)null), (faults.Windows[1].Link, faults.Windows[1].Kind, faults.Windows[1].Direction, faults.Windows[1].Source, faults.Windows[1].End));
        Assert.Equal((20L, 0L), (faults.Links[0].Inside.Sent, faults.Links[0].Outside.Sent));
        Assert.Equal((0L, 20L), (faults.Links[1].Inside.Sent, faults.Links[1].Outside.Sent));
        Assert.Equal(20L, faults.Links[2].Inside.Sent + faults.Links[2].Outside.Sent);
        var report = File.ReadAllText(Path.Combine(_out, "report.md"));
        Assert.Contains("| tgw | `tgw=blackhole` | −3600.", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, "fault-timeline.svg")));
    }

    [Fact]
    public async Task TheFinalPostReplacesTheLivePostsOfTheSameRun()
    {
        // How many live posts a run makes depends on the machine's pace; LivePosterTests drives them by a fake clock.
        await using var lab = await FakeLab.StartAsync();
        var (exit, output, err) = await CompareArgumentsTests.RunAsync(
            ["--target", lab.Url.ToString(), "--dashboard", lab.Url.ToString(), "--console", lab.Url.ToString(), "--links", "tgw,peering", "--rate", "10", "--duration", "2.6", "--warmup", "0", "--trace-wait", "0", "--out", _out]);

        Assert.True(exit == 0, $"exit {exit}; stdout: {output}; stderr: {err}");
        var posts = lab.PostedRuns.Select(p => JsonSerializer.Deserialize(p, LinkCompareJson.Default.CompareRun)!).ToList();
        Assert.Single(posts.Select(p => p.RunId).Distinct());
        var final = Assert.Single(posts, p => p.Cost is not null);
        Assert.Equal(final.Ended, posts.Max(p => p.Ended));
        Assert.All(posts.Where(p => p.Cost is null), p => Assert.StartsWith("In progress: ", Assert.Single(p.Notes), StringComparison.Ordinal));
        Assert.DoesNotContain(final.Notes, n => n.StartsWith("In progress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutADashboardHopsComeFromTheProbeAndTheRunIsMarkedAws()
    {
        await using var lab = await FakeLab.StartAsync();
        var (exit, output, err) = await CompareArgumentsTests.RunAsync(
            ["--target", lab.Url.ToString(), "--dashboard", "none", "--console", "none", "--links", "peering,privatelink", "--rate", "10", "--duration", "0.5", "--warmup", "0", "--out", _out]);

        Assert.True(exit == 0, $"exit {exit}; stdout: {output}; stderr: {err}");
        var run = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_out, "run.json")), LinkCompareJson.Default.CompareRun)!;
        Assert.Equal("aws", run.Environment);
        Assert.All(run.Links, l => Assert.All(l.Hops, h => Assert.Equal("probe", h.Source)));
        Assert.InRange(run.Links[0].Hops[0].Latency.P50Ms, 2.49, 2.51);
        Assert.Empty(run.Flows);
        Assert.Contains(run.Notes, n => n.StartsWith("No local lab (--dashboard none --console none)", StringComparison.Ordinal));
        Assert.All(run.Cost!.Lines, c => Assert.True(c.GigabytesPerMonth > 0, $"{c.Link}: no bytes"));
        Assert.Empty(lab.PostedRuns);
    }

    [Fact]
    public async Task ARefusedApiKeyBecomesNotesAndTheReportIsStillWritten()
    {
        await using var lab = await FakeLab.StartAsync(apiKey: "right");
        var (exit, output, err) = await CompareArgumentsTests.RunAsync(
            ["--target", lab.Url.ToString(), "--dashboard", lab.Url.ToString(), "--console", lab.Url.ToString(), "--api-key", "wrong", "--links", "tgw", "--rate", "10", "--duration", "0.3", "--warmup", "0", "--trace-wait", "0", "--out", _out]);

        Assert.True(exit == 0, $"exit {exit}; stdout: {output}; stderr: {err}");
        var run = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_out, "run.json")), LinkCompareJson.Default.CompareRun)!;
        Assert.Contains(run.Notes, n => n.Contains("refused the API key", StringComparison.Ordinal));
        Assert.Contains(run.Notes, n => n.StartsWith("No relays or flow records: GET /api/links", StringComparison.Ordinal) && n.Contains("401", StringComparison.Ordinal));
        Assert.Contains(run.Notes, n => n.StartsWith("The lab console did not keep the run: POST /api/links/runs answered 401", StringComparison.Ordinal));
        Assert.All(run.Links[0].Hops, h => Assert.Equal("probe", h.Source));
    }
}
