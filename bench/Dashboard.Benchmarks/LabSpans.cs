using System.Buffers.Binary;
using Google.Protobuf;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.Dashboard.Benchmarks;

/// <summary>
/// Realistic /lab/hops traffic as the services export it: traces of 7 spans across servicea/b/c (server spans with
/// 10 attributes, client spans with 7), grouped per resource, 512 spans per request.
/// </summary>
internal static class LabSpans
{
    public const int SpansPerTrace = 7;
    private static readonly string[] Links = ["tgw", "peering", "privatelink"];

    public static List<byte[]> Requests(int count, int spansPerRequest, int seed)
    {
        var random = new Random(seed);
        var requests = new List<byte[]>(count);
        for (var r = 0; r < count; r++)
        {
            var bySvc = new Dictionary<string, List<Span>>
            {
                ["servicea"] = [], ["serviceb"] = [], ["servicec"] = [],
            };
            var spans = 0;
            while (spans < spansPerRequest)
            {
                foreach (var (service, span) in Trace(random))
                {
                    if (spans++ < spansPerRequest)
                    {
                        bySvc[service].Add(span);
                    }
                }
            }

            var request = new ExportTraceServiceRequest();
            foreach (var (service, list) in bySvc)
            {
                var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore", Version = "10.0.0" } };
                scope.Spans.AddRange(list);
                var rs = new ResourceSpans { Resource = Resource(service) };
                rs.ScopeSpans.Add(scope);
                request.ResourceSpans.Add(rs);
            }

            requests.Add(request.ToByteArray());
        }

        return requests;
    }

    public static IEnumerable<(string Service, Span Span)> Trace(Random random)
    {
        var traceId = new byte[16];
        random.NextBytes(traceId);
        BinaryPrimitives.WriteUInt32BigEndian(traceId, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var link = Links[random.Next(Links.Length)];
        var sku = "sku-" + random.Next(1000);
        var start = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var root = Id(random);
        var ab = Id(random);
        var b = Id(random);
        var bc = Id(random);
        var c1 = Id(random);
        var ac = Id(random);
        var c2 = Id(random);
        yield return ("servicea", Server(traceId, root, null, "GET /lab/hops", "/lab/hops", "/lab/hops?via=" + link, link, start, 9_000_000, 5101));
        yield return ("servicea", Client(traceId, ab, root, "POST", $"http://_{link}.serviceb/analysis/orders", link, "servicea->serviceb", start + 200_000, 4_000_000));
        yield return ("serviceb", Server(traceId, b, ab, "POST /analysis/orders", "/analysis/orders", "/analysis/orders", link, start + 400_000, 3_500_000, 5102));
        yield return ("serviceb", Client(traceId, bc, b, "GET", $"http://_{link}.servicec/inventory/{sku}", link, "serviceb->servicec", start + 500_000, 2_000_000));
        yield return ("servicec", Server(traceId, c1, bc, "GET /inventory/{sku}", "/inventory/{sku}", "/inventory/" + sku, link, start + 600_000, 1_500_000, 5103));
        yield return ("servicea", Client(traceId, ac, root, "POST", $"http://_{link}.servicec/inventory/{sku}/reservations", link, "servicea->servicec", start + 4_500_000, 3_000_000));
        yield return ("servicec", Server(traceId, c2, ac, "POST /inventory/{sku}/reservations", "/inventory/{sku}/reservations", $"/inventory/{sku}/reservations", link, start + 4_700_000, 2_500_000, 5103));
    }

    private static byte[] Id(Random random)
    {
        var id = new byte[8];
        random.NextBytes(id);
        id[0] |= 1;
        return id;
    }

    private static Span Server(byte[] traceId, byte[] id, byte[]? parent, string name, string route, string path, string link, ulong start, ulong duration, int port)
    {
        var span = Base(traceId, id, parent, name, Span.Types.SpanKind.Server, start, duration);
        Add(span, "http.request.method", name.Split(' ')[0]);
        Add(span, "url.path", path);
        Add(span, "url.scheme", "http");
        Add(span, "http.route", route);
        Add(span, "http.response.status_code", 200L);
        Add(span, "server.address", "127.0.0.1");
        Add(span, "server.port", port);
        Add(span, "network.protocol.version", "1.1");
        Add(span, "user_agent.original", "TracingLab/1.0");
        Add(span, "lab.link", link);
        return span;
    }

    private static Span Client(byte[] traceId, byte[] id, byte[] parent, string method, string url, string link, string hop, ulong start, ulong duration)
    {
        var span = Base(traceId, id, parent, method, Span.Types.SpanKind.Client, start, duration);
        Add(span, "http.request.method", method);
        Add(span, "url.full", url);
        Add(span, "server.address", new Uri(url).Host);
        Add(span, "server.port", 80L);
        Add(span, "http.response.status_code", 200L);
        Add(span, "lab.link", link);
        Add(span, "lab.hop", hop);
        return span;
    }

    private static Span Base(byte[] traceId, byte[] id, byte[]? parent, string name, Span.Types.SpanKind kind, ulong start, ulong duration) => new()
    {
        TraceId = ByteString.CopyFrom(traceId),
        SpanId = ByteString.CopyFrom(id),
        ParentSpanId = parent is null ? ByteString.Empty : ByteString.CopyFrom(parent),
        Name = name,
        Kind = kind,
        StartTimeUnixNano = start,
        EndTimeUnixNano = start + duration,
        Status = new Status(),
    };

    private static void Add(Span span, string key, string value) => span.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { StringValue = value } });

    private static void Add(Span span, string key, long value) => span.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { IntValue = value } });

    private static Resource Resource(string service)
    {
        var resource = new Resource();
        foreach (var (key, value) in new[]
        {
            ("service.name", service), ("service.instance.id", service[^1] + "1b2c3d4"), ("cloud.provider", "aws"),
            ("cloud.platform", service switch { "servicea" => "aws_ecs", "serviceb" => "aws_eks", _ => "aws_ec2" }),
            ("deployment.environment", "local"), ("telemetry.sdk.name", "opentelemetry"), ("telemetry.sdk.language", "dotnet"),
            ("telemetry.sdk.version", "1.20.1"),
        })
        {
            resource.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { StringValue = value } });
        }

        return resource;
    }
}
