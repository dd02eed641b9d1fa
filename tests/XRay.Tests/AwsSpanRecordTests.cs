using System.Text.Json;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Import;
using TracingLab.XRay.Spans;
using static TracingLab.Otlp.Trace.V1.Span.Types;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.XRay.Tests;

public class AwsSpanRecordTests
{
    private static ExportTraceServiceRequest TypedRequest()
    {
        var kvlist = new KeyValueList();
        kvlist.Values.Add(Lab.Kv("region", "eu-west-1"));
        kvlist.Values.Add(Lab.Kv("attempt", 2L));
        var span = Lab.Span("GET /lab/typed", SpanKind.Server, 0xd1)
            .With("http.response.status_code", 200L)
            .With("aws.table_names", new object[] { "orders", "stock" })
            .With("lab.ratio", 0.25)
            .With("lab.cached", false)
            .With("lab.empty", "")
            .With("lab.blob", new byte[] { 1, 2, 3 });
        span.Attributes.Add(new KeyValue { Key = "lab.nothing", Value = new AnyValue() });
        span.Attributes.Add(new KeyValue { Key = "lab.kv", Value = new AnyValue { KvlistValue = kvlist } });
        var resource = Lab.Service("servicea", ("host.cpu.count", 4L), ("aws.log.group.arns", new object[] { "arn:aws:logs:eu-west-1:111122223333:log-group:/lab/servicea" }));
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "TracingLab", Version = "1.0.0" } };
        scope.Spans.Add(span);
        var rs = new ResourceSpans { Resource = resource };
        rs.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(rs);
        return request;
    }

    private static string TraceIdHex => Convert.ToHexStringLower(Lab.TraceId().Span);

    [Fact]
    public void RecordsKeepEveryAttributeTypeAsSent()
    {
        using var doc = JsonDocument.Parse(AwsSpanRecords.Write(TraceIdHex, TypedRequest().ResourceSpans));

        Assert.Equal(TraceIdHex, doc.RootElement.GetProperty("traceId").GetString());
        var record = Assert.Single(doc.RootElement.GetProperty("spans").EnumerateArray());
        Assert.Equal(TraceIdHex, record.GetProperty("traceId").GetString());
        Assert.Equal("00000000000000d1", record.GetProperty("spanId").GetString());
        Assert.False(record.TryGetProperty("parentSpanId", out _), "a root span has no parentSpanId");
        var a = record.GetProperty("attributes");
        Assert.Equal(JsonValueKind.Number, a.GetProperty("http.response.status_code").ValueKind);
        Assert.Equal(200, a.GetProperty("http.response.status_code").GetInt64());
        Assert.Equal(["orders", "stock"], a.GetProperty("aws.table_names").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(0.25, a.GetProperty("lab.ratio").GetDouble());
        Assert.Equal(JsonValueKind.False, a.GetProperty("lab.cached").ValueKind);
        Assert.Equal(JsonValueKind.String, a.GetProperty("lab.empty").ValueKind);
        Assert.Equal("", a.GetProperty("lab.empty").GetString());
        Assert.Equal(JsonValueKind.Null, a.GetProperty("lab.nothing").ValueKind);
        Assert.False(a.TryGetProperty("lab.absent", out _));
        Assert.Equal("AQID", a.GetProperty("lab.blob").GetString());
        Assert.Equal(2, a.GetProperty("lab.kv").GetProperty("attempt").GetInt64());

        var nd = record.GetProperty(AwsSpanRecords.NotDocumentedProperty);
        var resource = nd.GetProperty("resource").GetProperty("attributes");
        Assert.Equal(JsonValueKind.Number, resource.GetProperty("host.cpu.count").ValueKind);
        Assert.Equal(4, resource.GetProperty("host.cpu.count").GetInt64());
        Assert.Equal(JsonValueKind.Array, resource.GetProperty("aws.log.group.arns").ValueKind);
        Assert.Equal((int)SpanKind.Server, nd.GetProperty("kind").GetInt32());
        Assert.Contains(doc.RootElement.GetProperty("notDocumentedByAws").EnumerateArray(), f => f.GetString() == "resource.attributes");
    }

    [Fact]
    public void OnlyTheAskedTraceIsWrittenAndEitherIdFormIsAccepted()
    {
        var request = TypedRequest();
        var other = Lab.Span("other", SpanKind.Internal, 0xe1, traceId: Lab.TraceId(Lab.Now.ToUnixTimeSeconds() - 30, 0x10));
        request.ResourceSpans[0].ScopeSpans[0].Spans.Add(other);
        var xrayId = XRayTraceId.Normalize(TraceIdHex)!;

        using var doc = JsonDocument.Parse(AwsSpanRecords.Write(xrayId, request.ResourceSpans));

        Assert.Equal(TraceIdHex, doc.RootElement.GetProperty("traceId").GetString());
        Assert.Single(doc.RootElement.GetProperty("spans").EnumerateArray());
    }

    [Fact]
    public void ABadTraceIdIsRefusedNamingTheForms()
    {
        var ex = Assert.Throws<ArgumentException>(() => AwsSpanRecords.Write("not-a-trace", []));

        Assert.Contains("'not-a-trace'", ex.Message);
        Assert.Contains("32 hex digits or 1-{8 hex}-{24 hex}", ex.Message);
    }

    [Fact]
    public void RecordsReadBackAsTheSameTypedSpan()
    {
        var request = TypedRequest();
        var rs = request.ResourceSpans[0];
        var record = AwsSpanRecords.WriteRecord(rs.ScopeSpans[0].Spans[0], rs.Resource, rs.ScopeSpans[0].Scope);
        var events = new System.Text.Json.Nodes.JsonObject
        {
            ["events"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["timestamp"] = 1, ["message"] = record }),
        };

        var result = XRayImportParser.Parse(events.ToJsonString());

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(XRayImportFormat.AwsSpansLogEvents, result.Import.Format);
        var back = Assert.Single(Assert.Single(result.Import.Traces).Spans!);
        var sent = rs.ScopeSpans[0].Spans[0];
        var read = back.ScopeSpans[0].Spans[0];
        Assert.Equal(sent.Attributes.Where(a => a.Key != "lab.blob"), read.Attributes.Where(a => a.Key != "lab.blob"));
        Assert.Equal(rs.Resource.Attributes, back.Resource.Attributes);
        Assert.Equal(sent.StartTimeUnixNano, read.StartTimeUnixNano);
        Assert.Equal(sent.Kind, read.Kind);
        Assert.Equal(AnyValue.ValueOneofCase.None, read.Attributes.Single(a => a.Key == "lab.nothing").Value.ValueCase);
        // Bytes come back as the base64 string the record holds: a JSON record cannot tell them from a string.
        Assert.Equal(AnyValue.ValueOneofCase.StringValue, read.Attributes.Single(a => a.Key == "lab.blob").Value.ValueCase);
    }

    [Fact]
    public void ARepeatedKeyIsWrittenOnceWithItsLastValue()
    {
        var span = Lab.Span("dup", SpanKind.Internal, 0xf1).With("k", 1L).With("k", "two");

        using var doc = JsonDocument.Parse(AwsSpanRecords.WriteRecord(span, null, null));

        Assert.Equal("two", doc.RootElement.GetProperty("attributes").GetProperty("k").GetString());
        Assert.Single(doc.RootElement.GetProperty("attributes").EnumerateObject());
    }
}
