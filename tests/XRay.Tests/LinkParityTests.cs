using System.Text.Json;
using TracingLab.XRay.Translation;
using static TracingLab.Otlp.Trace.V1.Span.Types;

namespace TracingLab.XRay.Tests;

/// <summary>Span links (span_links.go, segment.go), each test naming the exporter test it follows; payloads are the lab's own.</summary>
public class LinkParityTests
{
    private static readonly Google.Protobuf.ByteString LinkedTrace = Lab.TraceId(Lab.Now.ToUnixTimeSeconds() - 3600, 0x10);

    private static JsonElement Doc(SpanTranslation t) => JsonDocument.Parse(t.Document!).RootElement;

    private static TracingLab.Otlp.Trace.V1.Span WithLink(TracingLab.Otlp.Trace.V1.Span span, Google.Protobuf.ByteString traceId,
        ulong spanId, params (string Key, object Value)[] attributes)
    {
        var link = new Link { TraceId = traceId, SpanId = Lab.SpanId(spanId) };
        foreach (var (key, value) in attributes)
        {
            link.Attributes.Add(Lab.Kv(key, value));
        }
        span.Links.Add(link);
        return span;
    }

    // span_links_test.go TestSpanLinkSimple: one link, trace id in X-Ray form, no attributes object.
    [Fact]
    public void LinkIsWrittenWithXRayTraceIdAndSpanId()
    {
        var span = WithLink(Lab.Span("process order", SpanKind.Server, 1), LinkedTrace, 0x77);

        var result = Lab.Translator().Translate(span, null);
        var link = Assert.Single(Doc(result).GetProperty("links").EnumerateArray());

        Assert.Equal("1-" + Convert.ToHexStringLower(LinkedTrace.Span[..4]) + "-" + Convert.ToHexStringLower(LinkedTrace.Span[4..]),
            link.GetProperty("trace_id").GetString());
        Assert.Equal("0000000000000077", link.GetProperty("id").GetString());
        Assert.False(link.TryGetProperty("attributes", out _));
        // tracesegment.go: links come after user and before trace_id.
        Assert.True(result.Document!.IndexOf("\"links\"", StringComparison.Ordinal) < result.Document.IndexOf("\"trace_id\"", StringComparison.Ordinal));
    }

    // span_links_test.go TestSpanLinkEmpty: no links, no "links" field.
    [Fact]
    public void SpanWithoutLinksHasNoLinksField() =>
        Assert.DoesNotContain("links", Lab.Translator().Translate(Lab.Span("process order", SpanKind.Server, 1), null).Document);

    // span_links_test.go TestOldSpanLinkError: a link whose trace id is too old fails the whole span.
    [Fact]
    public void LinkWithTooOldTraceIdRejectsTheSpan()
    {
        var old = Lab.TraceId(Lab.Now.ToUnixTimeSeconds() - (30 * 86400) - 1);
        var result = Lab.Translator().Translate(WithLink(Lab.Span("process order", SpanKind.Server, 1), old, 2), null);

        Assert.Equal(RejectionReason.TraceIdTooOld, result.Rejection?.Reason);
        Assert.StartsWith("a link's trace id", result.Rejection!.Message);
    }

    // span_links_test.go TestTwoSpanLinks and TestSpanLinkComplexAttributes: links in order, attributes as plain JSON
    // (lists as arrays), keys sorted; an empty value is null (AsRaw gives nil, which Go writes as null).
    [Fact]
    public void LinkAttributesArePlainJsonWithSortedKeys()
    {
        var span = WithLink(Lab.Span("process order", SpanKind.Server, 1), LinkedTrace, 1, ("queue", "orders"));
        WithLink(span, LinkedTrace, 2, ("size", 3L), ("batch", new object[] { "a", "b" }), ("ratio", 0.5), ("retried", true));
        span.Links[1].Attributes.Add(new TracingLab.Otlp.Common.V1.KeyValue { Key = "nothing", Value = new() });

        var links = Doc(Lab.Translator().Translate(span, null)).GetProperty("links");

        Assert.Equal(2, links.GetArrayLength());
        Assert.Equal("orders", links[0].GetProperty("attributes").GetProperty("queue").GetString());
        var attributes = links[1].GetProperty("attributes");
        Assert.Equal(["batch", "nothing", "ratio", "retried", "size"], attributes.EnumerateObject().Select(a => a.Name));
        Assert.Equal("""["a","b"]""", attributes.GetProperty("batch").GetRawText());
        Assert.Equal(JsonValueKind.Null, attributes.GetProperty("nothing").ValueKind);
        Assert.Equal(3, attributes.GetProperty("size").GetInt64());
    }

    // segment_test.go TestLocalRootClient: the dependency subsegment keeps the links, the service segment has none.
    // segment_test.go TestLocalRootConsumer: for a CONSUMER it is the other way round.
    [Theory]
    [InlineData(SpanKind.Client, true, false)]
    [InlineData(SpanKind.Producer, true, false)]
    [InlineData(SpanKind.Consumer, false, true)]
    public void LocalRootLinksGoToOneOfTheTwoDocuments(SpanKind kind, bool onDependency, bool onService)
    {
        var span = Lab.Span("orders receive", kind, 9, 1).With("aws.span.kind", "LOCAL_ROOT")
            .With("aws.local.service", "orders").With("aws.remote.service", "queue");
        WithLink(span, LinkedTrace, 3);

        var docs = Lab.Translator().TranslateSpan(span, null).Select(Doc).ToList();

        Assert.Equal(onDependency, docs[0].TryGetProperty("links", out _));
        Assert.Equal(onService, docs[1].TryGetProperty("links", out _));
    }

    // segment_test.go TestNonLocalRootConsumerProcess: a consumer that is not a local root keeps its link.
    [Fact]
    public void ConsumerThatIsNotALocalRootKeepsItsLink()
    {
        var span = WithLink(Lab.Span("orders process", SpanKind.Consumer, 9, 1).With("aws.span.kind", "Consumer"), LinkedTrace, 3);

        Assert.Equal(1, Doc(Assert.Single(Lab.Translator().TranslateSpan(span, null))).GetProperty("links").GetArrayLength());
    }
}
