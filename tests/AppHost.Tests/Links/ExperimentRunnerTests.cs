using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TracingLab.AppHost.Links;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.LinksFeed;
using TracingLab.Relay;
using Relay = TracingLab.Relay.Faults;

namespace AppHost.Tests.Links;

/// <summary>An experiment's timeline on real relays, on a fake clock: each fault from its start for its duration.</summary>
public sealed class ExperimentRunnerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Experiment Mixed = Experiment.Parse("""
        {
          "name": "mixed",
          "description": "Peering slows down, then the Transit Gateway goes dark twice.",
          "faults": [
            { "link": "peering", "kind": "latency", "direction": "response", "duration": "20s", "parameters": { "delay": "200ms" } },
            { "link": "tgw", "kind": "blackhole", "start": "10s", "duration": "30s" },
            { "link": "tgw", "kind": "blackhole", "start": "40s", "duration": "5s" }
          ]
        }
        """);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, IReadOnlyList<TcpRelay>> _relays = [];
    private readonly List<string> _published = [];

    public Task InitializeAsync()
    {
        foreach (var link in new[] { "tgw", "peering" })
        {
            // No service behind them: the relays only listen, which is all the timeline needs.
            _relays[link] = [.. new[] { "serviceb", "servicec" }.Select(provider => TcpRelay.Start(
                RelaySpec.For(link, "servicea", provider, new IPEndPoint(IPAddress.Loopback, 9), new LinkProfile(0, 0, "test"), IPAddress.Loopback),
                _clock))];
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var relay in _relays.Values.SelectMany(r => r))
        {
            await relay.DisposeAsync();
        }
    }

    [Fact]
    public async Task EachFaultIsAppliedAtItsStartAndClearedAfterItsDuration()
    {
        var runner = new ExperimentRunner(Mixed, _clock);
        using var stop = new CancellationTokenSource();
        var run = Run(runner, stop.Token);

        await Until(() => Faults("peering") == "latency", "the latency from 0s");
        Assert.Equal("", Faults("tgw"));

        await Waiting(runner, 10);
        _clock.Advance(TimeSpan.FromSeconds(9.999));
        await Task.Delay(50);
        Assert.Equal("", Faults("tgw"));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await Until(() => Faults("tgw") == "blackhole", "the blackhole at 10s");

        await Waiting(runner, 20);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Until(() => Faults("peering") == "", "the latency cleared at 20s");
        Assert.Equal("blackhole", Faults("tgw"));

        // At 40s one blackhole window ends and the next begins: one blackhole, never two.
        await Waiting(runner, 40);
        _clock.Advance(TimeSpan.FromSeconds(20));
        await Waiting(runner, 45);
        Assert.Equal("blackhole", Faults("tgw"));

        _clock.Advance(TimeSpan.FromSeconds(5));
        await run.WaitAsync(Timeout);
        Assert.Equal(("", ""), (Faults("tgw"), Faults("peering")));
        Assert.Equal(["peering", "tgw", "peering", "tgw", "tgw", "tgw"], Published());
    }

    [Fact]
    public async Task FaultsSetOtherwiseStayWhenTheTimelineClearsItsOwn()
    {
        var experiment = Experiment.Parse("""{ "name": "short", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": "1s" } ] }""");
        var dashboards = new Relay.BlackholeFault();
        foreach (var relay in _relays["tgw"])
        {
            relay.Inject(dashboards);
        }

        var runner = new ExperimentRunner(experiment, _clock);
        var run = Run(runner, CancellationToken.None);
        await Until(() => Faults("tgw") == "blackhole,blackhole", "the experiment's blackhole next to the dashboard's");
        await Waiting(runner, 1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(Timeout);

        Assert.All(_relays["tgw"], r => Assert.Same(dashboards, Assert.Single(r.Faults)));
    }

    [Fact]
    public async Task TheSnapshotHasTheWindowsAsTimesOnceStarted()
    {
        var runner = new ExperimentRunner(Mixed, _clock);
        Assert.Equal(new ExperimentSnapshot("mixed", Mixed.Description, null, []), runner.Snapshot() with { Windows = [] });
        Assert.Empty(runner.Snapshot().Windows);

        var started = _clock.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var run = Run(runner, stop.Token);
        await Until(() => runner.StartedAt is not null, "the start");

        var snapshot = runner.Snapshot();
        Assert.Equal(started, snapshot.StartedAt);
        Assert.Equal(
            [
                new FaultWindow("peering", "latency", "200ms", "response", started, started.AddSeconds(20), "experiment mixed"),
                new FaultWindow("tgw", "blackhole", "", "both", started.AddSeconds(10), started.AddSeconds(40), "experiment mixed"),
                new FaultWindow("tgw", "blackhole", "", "both", started.AddSeconds(40), started.AddSeconds(45), "experiment mixed"),
            ],
            snapshot.Windows);

        // In the feed's JSON (camelCase, ISO 8601), next to the relays and flows.
        var json = JsonSerializer.Serialize(new LinksSnapshot([], [], snapshot.Windows, snapshot), LinksFeedJson.Default.LinksSnapshot);
        using var document = JsonDocument.Parse(json);
        var window = document.RootElement.GetProperty("experiment").GetProperty("windows")[1];
        Assert.Equal("tgw", window.GetProperty("link").GetString());
        Assert.Equal("2026-12-06T02:00:10+00:00", window.GetProperty("start").GetString());
        Assert.Equal("2026-12-06T02:00:40+00:00", window.GetProperty("end").GetString());
        // The same windows at the top, where the Links page and the comparison read them.
        var top = document.RootElement.GetProperty("faultWindows")[1];
        Assert.Equal("experiment mixed", top.GetProperty("source").GetString());
        Assert.Equal("2026-12-06T02:00:10+00:00", top.GetProperty("start").GetString());

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));
    }

    [Fact]
    public async Task AnExperimentStartsOnce()
    {
        var runner = new ExperimentRunner(Mixed, _clock);
        using var stop = new CancellationTokenSource();
        var run = Run(runner, stop.Token);
        await Until(() => runner.StartedAt is not null, "the start");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(runner, stop.Token));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Timeout));
    }

    private Task Run(ExperimentRunner runner, CancellationToken ct) =>
        Task.Run(() => runner.RunAsync(link => _relays[link], link =>
        {
            lock (_published)
            {
                _published.Add(link);
            }

            return Task.CompletedTask;
        }, ct), CancellationToken.None);

    private List<string> Published()
    {
        lock (_published)
        {
            return [.. _published];
        }
    }

    private Task Waiting(ExperimentRunner runner, double seconds) =>
        Until(() => runner.WaitingFor == TimeSpan.FromSeconds(seconds), $"the runner to wait for {seconds}s (it waits for {runner.WaitingFor})");

    // The kinds on every relay of the link, which must agree.
    private string Faults(string link)
    {
        var kinds = _relays[link].Select(r => string.Join(',', r.Faults.Select(f => f.Kind))).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : $"relays disagree: {string.Join(" / ", kinds)}";
    }

    private async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; tgw: '{Faults("tgw")}', peering: '{Faults("peering")}', published: {string.Join(",", Published())}");
            await Task.Delay(5);
        }
    }
}
