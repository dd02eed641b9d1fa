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
        var requests = LabSpans.Requests(256, SpansPerRequest, seed: 42).Select(b => new Template(b)).ToList();
        Console.WriteLine($"payload: {requests.Count} request templates of {SpansPerRequest} spans, {requests.Average(r => r.Bytes.Length) / 1024:0.0} KiB each, trace ids renewed on every send");

        ParseOnly(requests, TimeSpan.FromSeconds(2));
        var parse = ParseOnly(requests, duration);
        Console.WriteLine($"protobuf parse only (1 thread):          {parse,12:#,0} spans/s");

        var factory = new RecordFactory();
        long read = 0;
        var readClock = Stopwatch.StartNew();
        for (var i = 0; readClock.Elapsed < duration; i++)
        {
            read += factory.Spans(requests[i % requests.Count].Fresh(i / requests.Count).AsSpan(), out _, out _).Count;
        }

        Console.WriteLine($"wire reader only, no store (1 thread):   {read / readClock.Elapsed.TotalSeconds,12:#,0} spans/s");
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

    private static double ParseOnly(List<Template> requests, TimeSpan duration)
    {
        long spans = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var request = ExportTraceServiceRequest.Parser.ParseFrom(requests[i % requests.Count].Fresh(i / requests.Count));
            spans += request.ResourceSpans.Sum(r => r.ScopeSpans.Sum(s => s.Spans.Count));
        }

        return spans / clock.Elapsed.TotalSeconds;
    }

    private static double StoreOnly(List<Template> requests, TimeSpan duration, bool wire)
    {
        var store = new TelemetryStore(new TelemetryLimits());
        long spans = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var bytes = requests[i % requests.Count].Fresh(i / requests.Count);
            spans += (wire ? store.AddTraces(bytes) : store.AddTraces(ExportTraceServiceRequest.Parser.ParseFrom(bytes))).Accepted;
        }

        return spans / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> GrpcAsync(CallInvoker invoker, Method<byte[], byte[]> method, List<Template> requests, TimeSpan duration)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Concurrency).Select(async w =>
        {
            for (var i = w; clock.Elapsed < duration; i += Concurrency)
            {
                await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), requests[i % requests.Count].Fresh(i / requests.Count)).ResponseAsync;
                Interlocked.Increment(ref calls);
            }
        });
        await Task.WhenAll(workers);
        return calls * (double)SpansPerRequest / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A serialized request whose trace ids are renewed per send (so the store sees new traces, not retries): each
    /// trace id field (tag 0x0A, length 16, then the 4 epoch bytes all ids share) gets the cycle number in bytes 4-7.
    /// Every loop pays the same copy, so the ratios stay fair.
    /// </summary>
    private sealed class Template
    {
        private readonly int[] _offsets;

        public Template(byte[] bytes)
        {
            Bytes = bytes;
            var epoch = bytes.AsSpan(IndexOfTraceId(bytes, 0) + 2, 4).ToArray();
            var offsets = new List<int>();
            for (var i = 0; i + 18 <= bytes.Length; i++)
            {
                if (bytes[i] == 0x0A && bytes[i + 1] == 0x10 && bytes.AsSpan(i + 2, 4).SequenceEqual(epoch))
                {
                    offsets.Add(i + 6);
                }
            }

            _offsets = [.. offsets];
        }

        public byte[] Bytes { get; }

        public byte[] Fresh(int cycle)
        {
            var copy = (byte[])Bytes.Clone();
            foreach (var offset in _offsets)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(offset), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(copy.AsSpan(offset)) ^ (cycle + 1));
            }

            return copy;
        }

        private static int IndexOfTraceId(byte[] bytes, int from)
        {
            // The first span's trace id: the first 0x0A 0x10 inside a span whose next field is the span id (0x12 0x08).
            for (var i = from; i + 20 <= bytes.Length; i++)
            {
                if (bytes[i] == 0x0A && bytes[i + 1] == 0x10 && bytes[i + 18] == 0x12 && bytes[i + 19] == 0x08)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("no trace id found in the payload");
        }
    }
}
