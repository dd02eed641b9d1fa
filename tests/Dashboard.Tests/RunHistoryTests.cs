using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.Dashboard.Storage;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.Tests;

public sealed class RunHistoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tracinglab-runs-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ARunSurvivesARestartAndOnlyTheLastNRunsAreKept()
    {
        var path = Path.Combine(_directory, "runs.db");
        Store.TraceId first;
        long firstRunId;
        await using (var run1 = await TestDashboard.StartAsync(o => { o.StoragePath = path; o.KeepRuns = 2; }))
        {
            first = Ids.Parse(await LabTraffic.SendHopsTraceAsync(run1.Server.OtlpGrpcUrl));
            await Wait.UntilAsync(() => run1.Store.GetTrace(first)?.Spans.Count == 7, () => "spans of the first run");
            var history = run1.Server.Services.GetRequiredService<RunHistory>();
            firstRunId = history.CurrentRunId;
            await history.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        await using (var run2 = await TestDashboard.StartAsync(o => { o.StoragePath = path; o.KeepRuns = 2; }))
        {
            var history = run2.Server.Services.GetRequiredService<RunHistory>();
            var view = new TelemetryView(run2.Store, history);

            Assert.Null(run2.Store.GetTrace(first));
            Assert.Equal([false, true], history.ListRuns().Select(r => r.IsCurrent).Reverse());
            Assert.True(view.Select(firstRunId));
            Assert.Equal(7, view.Store.GetTrace(first)?.Spans.Count);
            Assert.Equal(3, view.Store.QueryLogs(new Store.LogQuery(TraceId: first)).Total);
            Assert.False(view.Select(-5));
            using var runs = JsonDocument.Parse(await run2.Api.GetStringAsync("/api/telemetry/runs"));
            Assert.Equal(2, runs.RootElement.GetArrayLength());
        }

        await using (var run3 = await TestDashboard.StartAsync(o => { o.StoragePath = path; o.KeepRuns = 2; }))
        {
            var runs = run3.Server.Services.GetRequiredService<RunHistory>().ListRuns();

            Assert.Equal(2, runs.Count);
            Assert.DoesNotContain(runs, r => r.Id == firstRunId);
        }
    }

    [Fact]
    public async Task TheTelemetryApiAnswersFromAPastRunWithRun()
    {
        var path = Path.Combine(_directory, "runs.db");
        Store.TraceId first;
        long firstRunId;
        await using (var run1 = await TestDashboard.StartAsync(o => o.StoragePath = path))
        {
            first = Ids.Parse(await LabTraffic.SendHopsTraceAsync(run1.Server.OtlpGrpcUrl));
            await Wait.UntilAsync(() => run1.Store.GetTrace(first)?.Spans.Count == 7, () => "spans of the first run");
            var history = run1.Server.Services.GetRequiredService<RunHistory>();
            firstRunId = history.CurrentRunId;
            await history.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        await using var run2 = await TestDashboard.StartAsync(o => o.StoragePath = path);
        var hex = first.ToHex();

        using var live = await run2.Api.GetAsync($"/api/telemetry/traces/{hex}");
        using var past = JsonDocument.Parse(await run2.Api.GetStringAsync($"/api/telemetry/traces/{hex}?run={firstRunId}"));
        using var logs = JsonDocument.Parse(await run2.Api.GetStringAsync($"/api/telemetry/logs?run={firstRunId}&traceId={hex}"));
        using var notAnId = await run2.Api.GetAsync("/api/telemetry/traces?run=yesterday");
        using var unknown = await run2.Api.GetAsync("/api/telemetry/spans?run=999999");
        using var follow = await run2.Api.GetAsync($"/api/telemetry/spans?run={firstRunId}&follow=true");
        using var export = await run2.Api.GetAsync($"/api/telemetry/export?run={firstRunId}");
        using var xrayLive = await run2.Api.GetAsync($"/api/telemetry/traces/{hex}/xray");
        using var xrayPast = await run2.Api.GetAsync($"/api/telemetry/traces/{hex}/xray?run={firstRunId}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, live.StatusCode);
        Assert.Equal(7, past.RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(3, logs.RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, notAnId.StatusCode);
        Assert.Contains("run='yesterday' is not a run id", await notAnId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains($"runs: ", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, follow.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, xrayLive.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, xrayPast.StatusCode);
        using (var xray = JsonDocument.Parse(await xrayPast.Content.ReadAsStringAsync()))
        {
            // One translation per span of the past run's trace (accepted or not: these fake ids are not X-Ray ids).
            Assert.Equal(7, xray.RootElement.GetProperty("spans").GetArrayLength());
        }
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync());
        using var traces = JsonDocument.Parse(zip.GetEntry("traces.json")!.Open());
        Assert.Contains(hex, traces.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunWithoutTheHistoryIsA400ThatSaysHowToTurnItOn()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Api.GetAsync("/api/telemetry/traces?run=1");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("--storage", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
