using Google.Protobuf;
using TracingLab.Contracts.Links;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Benchmarks;

/// <summary>
/// A realistic 512-span export: /lab/hops traces across the three lab services (server, client and internal
/// spans with the attributes ASP.NET Core and HttpClient instrumentation and the lab set), 8 traces per
/// service batch as the SDK's batch processor sends them.
/// </summary>
internal static class LabBatch
{
    public const int SpanCount = 512;

    public static ExportTraceServiceRequest Create()
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000UL;
        var epoch = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var random = new Random(42);
        var services = new[] { ("servicea", "aws_ecs"), ("serviceb", "aws_eks"), ("servicec", "aws_ec2") };
        var request = new ExportTraceServiceRequest();
        var groups = services.Select(s => NewGroup(s.Item1, s.Item2)).ToArray();
        var made = 0;
        while (made < SpanCount)
        {
            var traceId = new byte[16];
            random.NextBytes(traceId);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(traceId, epoch);
            for (var hop = 0; hop < 3 && made < SpanCount; hop++)
            {
                var scope = groups[hop].ScopeSpans[0];
                var server = NewSpan(random, traceId, Span.Types.SpanKind.Server, now, $"GET /{services[hop].Item1}/work");
                server.Attributes.Add(Kv("http.request.method", "GET"));
                server.Attributes.Add(Kv("url.scheme", "http"));
                server.Attributes.Add(Kv("url.path", $"/{services[hop].Item1}/work"));
                server.Attributes.Add(Kv("server.address", services[hop].Item1));
                server.Attributes.Add(Kv("server.port", 8080));
                server.Attributes.Add(Kv("network.protocol.version", "1.1"));
                server.Attributes.Add(Kv("http.route", $"/{services[hop].Item1}/work"));
                server.Attributes.Add(Kv("http.response.status_code", random.Next(10) == 0 ? 503 : 200));
                server.Attributes.Add(Kv("user_agent.original", "TracingLab/1.0"));
                server.Attributes.Add(Kv(LabAttributes.Link, LinkNames.PrivateLink));
                server.Attributes.Add(Kv(LabAttributes.Hop, hop));
                scope.Spans.Add(server);
                made++;
                if (made < SpanCount)
                {
                    var client = NewSpan(random, traceId, Span.Types.SpanKind.Client, now, "GET");
                    client.ParentSpanId = server.SpanId;
                    client.Attributes.Add(Kv("http.request.method", "GET"));
                    client.Attributes.Add(Kv("url.full", "http://_privatelink.serviceb/analysis?order=42"));
                    client.Attributes.Add(Kv("server.address", "serviceb"));
                    client.Attributes.Add(Kv("server.port", 80));
                    client.Attributes.Add(Kv("peer.service", "serviceb"));
                    client.Attributes.Add(Kv("http.response.status_code", 200));
                    client.Attributes.Add(Kv(LabAttributes.Link, LinkNames.PrivateLink));
                    client.Attributes.Add(Kv(LabAttributes.Hop, hop + 1));
                    scope.Spans.Add(client);
                    made++;
                }
                if (made < SpanCount && hop == 2)
                {
                    var work = NewSpan(random, traceId, Span.Types.SpanKind.Internal, now, "stock lookup");
                    work.ParentSpanId = server.SpanId;
                    work.Attributes.Add(Kv("inventory.sku", 42));
                    scope.Spans.Add(work);
                    made++;
                }
            }
        }
        request.ResourceSpans.AddRange(groups);
        return request;
    }

    private static Span NewSpan(Random random, byte[] traceId, Span.Types.SpanKind kind, ulong now, string name)
    {
        var id = new byte[8];
        random.NextBytes(id);
        id[0] |= 1;
        var start = now - (ulong)random.Next(1_000_000, 50_000_000);
        return new Span
        {
            TraceId = ByteString.CopyFrom(traceId),
            SpanId = ByteString.CopyFrom(id),
            ParentSpanId = ByteString.Empty,
            Name = name,
            Kind = kind,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + (ulong)random.Next(100_000, 30_000_000),
        };
    }

    private static ResourceSpans NewGroup(string service, string platform)
    {
        var resource = new Resource();
        foreach (var (k, v) in new (string, object)[]
        {
            ("service.name", service), ("service.instance.id", "a1b2c3d4"), ("telemetry.sdk.name", "opentelemetry"),
            ("telemetry.sdk.language", "dotnet"), ("telemetry.sdk.version", "1.20.1"), ("cloud.provider", "aws"),
            ("cloud.platform", platform), ("cloud.region", "eu-west-1"), ("cloud.availability_zone", "eu-west-1a"),
            ("host.id", "i-0abc123def4567890"), ("container.id", "7f3c1b2a9d"), ("k8s.cluster.name", "tracinglab"),
        })
        {
            resource.Attributes.Add(Kv(k, v));
        }
        var group = new ResourceSpans { Resource = resource };
        group.ScopeSpans.Add(new ScopeSpans { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore" } });
        return group;
    }

    private static KeyValue Kv(string key, object value) => new()
    {
        Key = key,
        Value = value switch
        {
            string s => new AnyValue { StringValue = s },
            int i => new AnyValue { IntValue = i },
            _ => throw new ArgumentException("unsupported"),
        },
    };
}
