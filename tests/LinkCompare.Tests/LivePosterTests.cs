using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Recording;
using TracingLab.LinkCompare.Tool;

namespace TracingLab.LinkCompare.Tests;

public sealed class LivePosterTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EachTickRepostsTheSameRunInProgressWithItsFiguresSoFar()
    {
        await using var lab = await FakeLab.StartAsync();
        using var http = new HttpClient();
        var options = CompareArguments.Parse(
            ["--target", lab.Url.ToString(), "--dashboard", "none", "--console", lab.Url.ToString(), "--links", "tgw,peering", "--duration", "60"],
            _ => null, DateTimeOffset.UnixEpoch);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        var recorder = new RunRecorder(options.Links);
        var poster = new LivePoster(new LabClient(http, null, lab.Url, null, Hang), options, recorder, "run-1", time.GetUtcNow(), time);
        using var stop = new CancellationTokenSource();
        var posting = poster.RunAsync(stop.Token);

        recorder.Record(Ok("tgw"));
        recorder.Record(Ok("peering"));
        time.Advance(LivePoster.Interval);
        await WaitForPostsAsync(lab, 1);
        recorder.Record(Ok("tgw"));
        time.Advance(LivePoster.Interval);
        var posts = await WaitForPostsAsync(lab, 2);
        await stop.CancelAsync();

        Assert.Null(await posting.WaitAsync(Hang));
        Assert.All(posts, p => Assert.Equal("run-1", p.RunId));
        Assert.All(posts, p => Assert.Null(p.Cost));
        var (first, second) = (posts.MinBy(p => p.Ended)!, posts.MaxBy(p => p.Ended)!);
        Assert.StartsWith("In progress: 2 of 60 s measured.", Assert.Single(first.Notes), StringComparison.Ordinal);
        Assert.StartsWith("In progress: 4 of 60 s measured.", Assert.Single(second.Notes), StringComparison.Ordinal);
        Assert.Equal([1L, 1L], first.Links.Select(l => l.Sent));
        Assert.Equal([2L, 1L], second.Links.Select(l => l.Sent));
    }

    private static async Task<List<CompareRun>> WaitForPostsAsync(FakeLab lab, int count)
    {
        using var hang = new CancellationTokenSource(Hang);
        while (lab.PostedRuns.Count < count)
        {
            await Task.Delay(10, hang.Token);
        }

        return [.. lab.PostedRuns.Select(p => JsonSerializer.Deserialize(p, LinkCompareJson.Default.CompareRun)!)];
    }

    private static ProbeOutcome Ok(string link) => new(
        link, TimeSpan.FromMilliseconds(4), true, null, 60, 500, $"1-00000000-{Guid.NewGuid():N}"[..35],
        [new ProbeHop("servicea→serviceb", "127.0.0.1", 2, 200), new ProbeHop("serviceb→servicec", "127.0.0.1", 1, 200), new ProbeHop("servicea→servicec", "127.0.0.1", 1, 200)]);
}
