using System.Diagnostics;
using HdrHistogram;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Benchmarks;

/// <summary>
/// Memory per stored span (managed heap growth after loading 1M spans, divided by the spans held) and the latency of
/// GET /api/telemetry/traces/{id} over HTTP with those spans stored.
/// </summary>
internal static class TraceDetailBenchmark
{
    public static async Task RunAsync(int spanTarget)
    {
        var options = new DashboardOptions
        {
            UiUrl = "http://127.0.0.1:0", OtlpGrpcUrl = "http://127.0.0.1:0", OtlpHttpUrl = "http://127.0.0.1:0",
            AllowAnonymous = true, MaxTracesPerResource = 1_000_000,
        };
        await using var server = await DashboardServer.StartAsync(options);
        var store = (TelemetryStore)server.Services.GetService(typeof(TelemetryStore))!;

        var before = Heap();
        var load = Stopwatch.StartNew();
        var seed = 1;
        while (store.SpanCount < spanTarget)
        {
            foreach (var bytes in LabSpans.Requests(16, Math.Min(512, (int)(spanTarget - store.SpanCount)), seed++))
            {
                store.AddTraces(bytes);
            }
        }

        load.Stop();
        var after = Heap();
        var spans = store.SpanCount;
        Console.WriteLine($"stored {spans:#,0} spans in {store.TraceCount:#,0} traces in {load.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"memory per stored span: {(after - before) / (double)spans:0} bytes (managed heap {before / 1048576.0:0} MiB -> {after / 1048576.0:0} MiB)");

        var ids = store.QueryTraces(new TraceQuery(Limit: 1_000_000)).Items.Select(t => t.Id.ToHex()).ToArray();
        using var http = new HttpClient { BaseAddress = server.UiUrl };
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            (await http.GetAsync(new Uri("/api/telemetry/traces/" + ids[random.Next(ids.Length)], UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var histogram = new LongHistogram(TimeStamp.Seconds(10), 3);
        const int Requests = 5000;
        long bytesRead = 0;
        for (var i = 0; i < Requests; i++)
        {
            var id = ids[random.Next(ids.Length)];
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri("/api/telemetry/traces/" + id, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            histogram.RecordValue(Stopwatch.GetTimestamp() - start);
            response.EnsureSuccessStatusCode();
            bytesRead += body.Length;
        }

        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"GET /api/telemetry/traces/{{id}} x{Requests} (sequential, {bytesRead / Requests / 1024.0:0.0} KiB each): p50 {Ms(50):0.00} ms, p99 {Ms(99):0.00} ms, max {histogram.GetMaxValue() * 1000.0 / Stopwatch.Frequency:0.00} ms");
        GC.KeepAlive(store);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
