using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.Benchmarks;

/// <summary>
/// OTLP gRPC ingest in spans/s with 512-span requests, against protobuf parsing of the same bytes alone, in one run.
/// The client sends pre-serialized bytes so client-side encoding is not counted; it shares the 2 cores with the server.
/// </summary>
internal static class IngestBenchmark
{
    private const int SpansPerRequest = 512;
    private const int Concurrency = 4;

    public static async Task RunAsync(TimeSpan duration)
    {
        var requests = LabSpans.Requests(256, SpansPerRequest, seed: 42);
        Console.WriteLine($"payload: {requests.Count} distinct requests of {SpansPerRequest} spans, {requests.Average(r => r.Length) / 1024:0.0} KiB each");

        ParseOnly(requests, TimeSpan.FromSeconds(2));
        var parse = ParseOnly(requests, duration);
        Console.WriteLine($"protobuf parse only (1 thread):          {parse,12:#,0} spans/s");

        StoreOnly(requests, TimeSpan.FromSeconds(2), wire: true);
        var objects = StoreOnly(requests, duration, wire: false);
        Console.WriteLine($"protobuf objects -> store (1 thread):    {objects,12:#,0} spans/s");
        var store = StoreOnly(requests, duration, wire: true);
        Console.WriteLine($"wire reader -> store (1 thread):         {store,12:#,0} spans/s  ({store / parse:0.00} of parse-only)");

        var options = new DashboardOptions { UiUrl = "http://127.0.0.1:0", OtlpGrpcUrl = "http://127.0.0.1:0", OtlpHttpUrl = "http://127.0.0.1:0", AllowAnonymous = true };
        await using var server = await DashboardServer.StartAsync(options);
        using var channel = GrpcChannel.ForAddress(server.OtlpGrpcUrl);
        var invoker = channel.CreateCallInvoker();
        var method = new Method<byte[], byte[]>(MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        await GrpcAsync(invoker, method, requests, TimeSpan.FromSeconds(2));
        var grpc = await GrpcAsync(invoker, method, requests, duration);
        var stored = ((TelemetryStore)server.Services.GetService(typeof(TelemetryStore))!).SpanCount;
        Console.WriteLine($"OTLP gRPC ingest ({Concurrency} concurrent calls):   {grpc,12:#,0} spans/s  ({grpc / parse:0.00} of parse-only; {stored:#,0} spans held after eviction)");
    }

    private static double ParseOnly(List<byte[]> requests, TimeSpan duration)
    {
        long spans = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var request = ExportTraceServiceRequest.Parser.ParseFrom(requests[i % requests.Count]);
            spans += request.ResourceSpans.Sum(r => r.ScopeSpans.Sum(s => s.Spans.Count));
        }

        return spans / clock.Elapsed.TotalSeconds;
    }

    private static double StoreOnly(List<byte[]> requests, TimeSpan duration, bool wire)
    {
        var store = new TelemetryStore(new TelemetryLimits());
        long spans = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var bytes = requests[i % requests.Count];
            spans += (wire ? store.AddTraces(bytes) : store.AddTraces(ExportTraceServiceRequest.Parser.ParseFrom(bytes))).Accepted;
        }

        return spans / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> GrpcAsync(CallInvoker invoker, Method<byte[], byte[]> method, List<byte[]> requests, TimeSpan duration)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Concurrency).Select(async w =>
        {
            for (var i = w; clock.Elapsed < duration; i += Concurrency)
            {
                await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), requests[i % requests.Count]).ResponseAsync;
                Interlocked.Increment(ref calls);
            }
        });
        await Task.WhenAll(workers);
        return calls * (double)SpansPerRequest / clock.Elapsed.TotalSeconds;
    }
}
