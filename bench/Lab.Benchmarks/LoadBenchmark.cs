using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HdrHistogram;
using TracingLab.Testing;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// /lab/hops under a fixed concurrency, traced then untraced, round after round, each run on a fresh AppHost so one
/// mode's leftovers (dashboard store, JIT state) cannot flatter the other.
/// </summary>
internal static class LoadBenchmark
{
    // Microseconds; a minute is far beyond any sane hop latency, so nothing is clipped.
    private const long HighestMicroseconds = 60_000_000;

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        var results = new List<LoadResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var traced in new[] { true, false })
            {
                var result = await RunOnceAsync(options, traced, cancel);
                results.Add(result);
                Console.WriteLine(
                    $"round {round}/{options.Rounds} {result.Mode,-8}: {result.Throughput,7:F0} req/s  p50 {result.P50Ms:F2} ms  " +
                    $"p99 {result.P99Ms:F2} ms  errors {result.Errors}  spans at dashboard {result.SpansAtDashboard}");
            }
        }

        return results;
    }

    /// <summary>
    /// One AppHost for a run. It passes its environment to the services, so OTEL_SDK_DISABLED switches their SDK off;
    /// traced runs remove it, so an OTEL_SDK_DISABLED in the caller's shell cannot make both modes untraced.
    /// </summary>
    internal static Task<LabProcess> StartLabAsync(BenchOptions options, bool traced, CancellationToken cancel) =>
        LabProcess.StartAsync(
            options.AppHost, options.StartTimeout, [],
            new Dictionary<string, string?>
            {
                ["OTEL_SDK_DISABLED"] = traced ? null : "true",
                ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
            },
            cancel);

    private static async Task<LoadResult> RunOnceAsync(BenchOptions options, bool traced, CancellationToken cancel)
    {
        await using var host = await StartLabAsync(options, traced, cancel);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var hops = new Uri(host.Services["servicea"], $"/lab/hops?via={options.Link}");

        await DriveAsync(http, hops, options.Warmup, options.Concurrency, null, cancel);
        var histogram = new LongHistogram(HighestMicroseconds, 3);
        var clock = Stopwatch.StartNew();
        var errors = await DriveAsync(http, hops, options.Requests, options.Concurrency, histogram, cancel);
        clock.Stop();

        var spans = await CountSpansAsync(http, host.DashboardUrl, cancel);
        return new LoadResult(
            traced,
            options.Requests,
            errors,
            clock.Elapsed.TotalSeconds,
            histogram.GetValueAtPercentile(50) / 1000.0,
            histogram.GetValueAtPercentile(99) / 1000.0,
            spans,
            // Proof that the switch did what it says: spans reach the dashboard only when traced.
            traced ? spans > 0 : spans == 0);
    }

    /// <summary>Sends <paramref name="count"/> requests from <paramref name="concurrency"/> workers; returns the failures.</summary>
    internal static async Task<int> DriveAsync(HttpClient http, Uri url, int count, int concurrency, LongHistogram? into, CancellationToken cancel)
    {
        var next = 0;
        var errors = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            // HdrHistogram's recorder is not thread-safe: one per worker, added up at the end.
            var own = into is null ? null : new LongHistogram(HighestMicroseconds, 3);
            while (Interlocked.Increment(ref next) <= count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancel);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
                catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }

                own?.RecordValue((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }

            return own;
        }).ToArray();

        foreach (var own in await Task.WhenAll(workers))
        {
            if (own is not null)
            {
                into!.Add(own);
            }
        }

        return errors;
    }

    private static async Task<long> CountSpansAsync(HttpClient http, Uri dashboard, CancellationToken cancel)
    {
        // The services export in batches (schedule delay ~1 s); give the last batch time to land.
        await Task.Delay(TimeSpan.FromSeconds(2), cancel);
        using var response = await http.GetAsync(new Uri(dashboard, "/api/telemetry/spans?limit=1"), cancel);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancel), cancellationToken: cancel);
        return json.RootElement.GetProperty("totalCount").GetInt64();
    }
}
