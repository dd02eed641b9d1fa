using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using TracingLab.Dashboard.Store;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.Tests;

/// <summary>
/// Issue item 6: thousands of malformed, truncated, oversized and wrongly typed payloads against both intakes. Every
/// payload is invalid by construction (a truncated length-delimited field, an illegal first tag, ids of the wrong
/// size, JSON of the wrong shape, a body over the limit), so each must be refused, and nothing valid may be lost.
/// </summary>
public sealed class FuzzTests
{
    private const int MaxBytes = 64 * 1024;
    private static readonly string[] Services = ["trace.v1.TraceService", "logs.v1.LogsService", "metrics.v1.MetricsService"];
    private static readonly string[] Paths = ["/v1/traces", "/v1/logs", "/v1/metrics"];

    [Fact]
    public async Task TenThousandMalformedPayloadsAreAllRefusedAndValidTelemetryBeforeAndAfterIsKept()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.MaxOtlpMessageBytes = MaxBytes);
        var before = await LabTraffic.SendHopsTraceAsync(dashboard.Server.OtlpGrpcUrl);
        var random = new Random(20261122);
        var grpcPayloads = GrpcPayloads(random).ToList();
        var httpPayloads = HttpPayloads(random).ToList();

        using var channel = GrpcChannel.ForAddress(dashboard.Server.OtlpGrpcUrl, new GrpcChannelOptions { MaxSendMessageSize = null });
        var invoker = channel.CreateCallInvoker();
        var grpcFailures = new List<string>();
        await Parallel.ForEachAsync(grpcPayloads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (payload, _) =>
        {
            var method = new Method<byte[], byte[]>(MethodType.Unary, "opentelemetry.proto.collector." + Services[payload.Target], "Export",
                Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
            try
            {
                await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20)), payload.Body).ResponseAsync;
                lock (grpcFailures) { grpcFailures.Add($"{payload.Kind}: accepted"); }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.ResourceExhausted)
            {
            }
            catch (RpcException ex)
            {
                lock (grpcFailures) { grpcFailures.Add($"{payload.Kind}: {ex.StatusCode} {ex.Status.Detail}"); }
            }
        });

        var httpFailures = new List<string>();
        await Parallel.ForEachAsync(httpPayloads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (payload, _) =>
        {
            using var content = new ByteArrayContent(payload.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(payload.ContentType);
            using var response = await dashboard.Otlp.PostAsync(Paths[payload.Target], content, _);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500)
            {
                lock (httpFailures) { httpFailures.Add($"{payload.Kind}: {status}"); }
            }
        });

        var after = await LabTraffic.SendHopsTraceAsync(dashboard.Server.OtlpGrpcUrl);

        Assert.True(grpcPayloads.Count + httpPayloads.Count >= 10_000, $"only {grpcPayloads.Count + httpPayloads.Count} payloads");
        Assert.True(grpcFailures.Count == 0, $"{grpcFailures.Count} gRPC payloads not refused, e.g. {string.Join("; ", grpcFailures.Take(5))}");
        Assert.True(httpFailures.Count == 0, $"{httpFailures.Count} HTTP payloads not refused, e.g. {string.Join("; ", httpFailures.Take(5))}");
        foreach (var traceId in new[] { before, after })
        {
            var id = Ids.Parse(traceId.ToHexString());
            await Wait.UntilAsync(() => dashboard.Store.GetTrace(id)?.Spans.Count == 7, () => $"{dashboard.Store.GetTrace(id)?.Spans.Count ?? 0} spans of {id}");
            await Wait.UntilAsync(() => dashboard.Store.QueryLogs(new LogQuery(TraceId: id)).Total == 3, () => "logs of " + id);
        }

        Assert.True(dashboard.Store.TraceCount == 2, "traces stored: " + string.Join("; ", dashboard.Store.QueryTraces(new TraceQuery()).Items.Select(t => $"{t.Title} {t.Id} {t.SpanCount} spans")));
        Assert.Equal(14, dashboard.Store.SpanCount);
        using var alive = await dashboard.Api.GetAsync("/api/telemetry/resources");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private sealed record Payload(string Kind, int Target, byte[] Body, string ContentType = "application/x-protobuf");

    private static IEnumerable<Payload> GrpcPayloads(Random random)
    {
        for (var i = 0; i < 2000; i++)
        {
            yield return Truncated(random, i % 3);
        }

        for (var i = 0; i < 2000; i++)
        {
            yield return IllegalFirstTag(random, i % 3);
        }

        for (var i = 0; i < 1000; i++)
        {
            yield return WrongSizeIds(random, i % 2);
        }

        for (var i = 0; i < 60; i++)
        {
            yield return Oversized(random, i % 3);
        }
    }

    private static IEnumerable<Payload> HttpPayloads(Random random)
    {
        for (var i = 0; i < 1500; i++)
        {
            yield return Truncated(random, i % 3);
        }

        for (var i = 0; i < 1500; i++)
        {
            yield return IllegalFirstTag(random, i % 3);
        }

        for (var i = 0; i < 500; i++)
        {
            yield return WrongSizeIds(random, i % 2);
        }

        for (var i = 0; i < 1200; i++)
        {
            yield return WrongJson(random, i);
        }

        for (var i = 0; i < 300; i++)
        {
            var valid = Encoding.UTF8.GetBytes(ValidJson(random));
            yield return new Payload("truncated json", 0, valid[..random.Next(1, valid.Length - 1)], "application/json");
        }

        for (var i = 0; i < 60; i++)
        {
            yield return Oversized(random, i % 3);
        }
    }

    private static Payload Truncated(Random random, int target)
    {
        // A request holding one ResourceSpans/ResourceLogs/ResourceMetrics is one length-delimited field, so any cut
        // strictly inside it leaves a field shorter than its declared length.
        var full = ValidRequest(random, target);
        return new Payload("truncated", target, full[..random.Next(1, full.Length - 1)]);
    }

    private static Payload IllegalFirstTag(Random random, int target)
    {
        var body = new byte[random.Next(1, 2048)];
        random.NextBytes(body);
        byte[] illegal = [0x00, 0x06, 0x07, 0x0E, 0x0F, 0x0C]; // field 0, wire types 6 and 7, a stray end-group
        body[0] = illegal[random.Next(illegal.Length)];
        return new Payload("illegal tag", target, body);
    }

    private static Payload WrongSizeIds(Random random, int target)
    {
        int[] traceSizes = [0, 1, 8, 15, 17, 32];
        int[] spanSizes = [0, 4, 7, 9, 16];
        var traceId = new byte[traceSizes[random.Next(traceSizes.Length)]];
        random.NextBytes(traceId);
        if (target == 0)
        {
            var spanId = new byte[spanSizes[random.Next(spanSizes.Length)]];
            random.NextBytes(spanId);
            var span = Support.Otlp.Span(traceId.Length == 16 ? new byte[16] : traceId, spanId.Length == 8 ? new byte[8] : spanId);
            return new Payload("wrong ids", 0, Support.Otlp.Traces("fuzz", span).ToByteArray());
        }

        var logs = Support.Otlp.Logs("fuzz", traceId.Length is 0 or 16 ? new byte[3] : traceId, "bad");
        return new Payload("wrong ids", 1, logs.ToByteArray());
    }

    private static Payload Oversized(Random random, int target)
    {
        var body = new byte[MaxBytes + random.Next(1, 4096)];
        random.NextBytes(body);
        return new Payload("oversized", target, body);
    }

    private static Payload WrongJson(Random random, int i)
    {
        string[] shapes =
        [
            """{"resourceSpans":"not an array"}""",
            """{"resourceSpans":[1,2,3]}""",
            """[{"resourceSpans":[]}]""",
            """ "just a string" """,
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":12345,"spanId":"00f067aa0ba902b7"}]}]}]}""",
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"00f067aa0ba902b7"}]}]}]}""",
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","kind":{"name":"SERVER"}}]}]}]}""",
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","startTimeUnixNano":"soon"}]}]}]}""",
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{}]}]}]}""",
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","attributes":{"key":"x"}}]}]}]}""",
            """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"abc","body":{"stringValue":"x"}}]}]}]}""",
            """{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"","gauge":{"dataPoints":[{"asDouble":1}]}}]}]}]}""",
            """{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","histogram":{"dataPoints":[{"bucketCounts":["1","2"],"explicitBounds":[1,2,3]}]}}]}]}]}""",
            new string('[', 5000),
            "{\"resourceSpans\":[" + string.Concat(Enumerable.Repeat("{\"scopeSpans\":[", 200)),
            "\u00ff\u00fe garbage",
        ];
        var shape = shapes[i % shapes.Length];
        // OTLP/JSON receivers must ignore unknown fields, so a body only counts as wrongly typed at the endpoint
        // whose message it imitates ({"resourceSpans": ...} at /v1/logs is a valid, empty logs request).
        var target = shape.Contains("resourceLogs", StringComparison.Ordinal) ? 1
            : shape.Contains("resourceMetrics", StringComparison.Ordinal) ? 2
            : shape.Contains("resourceSpans", StringComparison.Ordinal) ? 0
            : random.Next(3);

        return new Payload("wrong json " + (i % shapes.Length), target, Encoding.UTF8.GetBytes(shape), "application/json");
    }

    private static string ValidJson(Random random) =>
        $$$"""{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"fuzz"}}]},"scopeSpans":[{"spans":[{"traceId":"{{{Convert.ToHexStringLower(Support.Otlp.NewTraceId())}}}","spanId":"00f067aa0ba902b7","name":"n{{{random.Next()}}}"}]}]}]}""";

    private static byte[] ValidRequest(Random random, int target)
    {
        var traceId = Support.Otlp.NewTraceId();
        return target switch
        {
            0 => Support.Otlp.Traces("fuzz", Support.Otlp.Span(traceId, Support.Otlp.NewSpanId(), name: "span" + random.Next())).ToByteArray(),
            1 => Support.Otlp.Logs("fuzz", traceId, "log " + random.Next()).ToByteArray(),
            _ => Metrics(random).ToByteArray(),
        };
    }

    private static TracingLab.Otlp.Collector.Metrics.V1.ExportMetricsServiceRequest Metrics(Random random)
    {
        var gauge = new TracingLab.Otlp.Metrics.V1.Gauge();
        gauge.DataPoints.Add(new TracingLab.Otlp.Metrics.V1.NumberDataPoint { AsDouble = random.NextDouble(), TimeUnixNano = 1 });
        var scope = new TracingLab.Otlp.Metrics.V1.ScopeMetrics();
        scope.Metrics.Add(new TracingLab.Otlp.Metrics.V1.Metric { Name = "fuzz.gauge", Gauge = gauge });
        var resource = new TracingLab.Otlp.Metrics.V1.ResourceMetrics { Resource = Support.Otlp.Resource("fuzz") };
        resource.ScopeMetrics.Add(scope);
        var request = new TracingLab.Otlp.Collector.Metrics.V1.ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resource);
        return request;
    }
}
