using System.Text.Json;
using TracingLab.XRay.Translation;
using static TracingLab.Otlp.Trace.V1.Span.Types;

namespace TracingLab.XRay.Tests;

/// <summary>Resource metadata is pre-written once per resource; a document must read as if every entry were written
/// one by one, whatever the span's own keys (segment.go makeXRayAttributes: one map, keys sorted, span values last).</summary>
public class ResourceMetadataTests
{
    private static readonly (string, object)[] ResourceAttributes =
        [("service.name", "servicea"), ("host.id", "i-1"), ("cloud.region", "eu-west-1")];

    private static List<string> MetadataKeys(string document) =>
        [.. JsonDocument.Parse(document).RootElement.GetProperty("metadata").GetProperty("default").EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void SpanKeysBeforeAndAfterTheResourceKeysKeepTheSortedOrder()
    {
        var span = Lab.Span("GET /", SpanKind.Server, 1).With("aaa", "first").With("zzz", "last");
        var doc = Lab.Translator().Translate(span, Lab.Resource(ResourceAttributes)).Document!;

        Assert.Equal(["aaa", "otel.resource.cloud.region", "otel.resource.host.id", "otel.resource.service.name", "zzz"], MetadataKeys(doc));
    }

    [Fact]
    public void SpanKeyThatSortsBetweenResourceKeysIsWrittenInItsPlace()
    {
        var span = Lab.Span("GET /", SpanKind.Server, 1).With("otel.resource.k8s.pod", "between");
        var doc = Lab.Translator().Translate(span, Lab.Resource(ResourceAttributes)).Document!;

        Assert.Equal(["otel.resource.cloud.region", "otel.resource.host.id", "otel.resource.k8s.pod", "otel.resource.service.name"], MetadataKeys(doc));
    }

    [Fact]
    public void SpanKeyEqualToAResourceKeyWinsOnce()
    {
        var span = Lab.Span("GET /", SpanKind.Server, 1).With("otel.resource.cloud.region", "from-span");
        var doc = Lab.Translator().Translate(span, Lab.Resource(ResourceAttributes)).Document!;
        var metadata = JsonDocument.Parse(doc).RootElement.GetProperty("metadata").GetProperty("default");

        Assert.Equal(3, MetadataKeys(doc).Count);
        Assert.Equal("from-span", metadata.GetProperty("otel.resource.cloud.region").GetString());
    }

    [Fact]
    public void ResourceKeyRepeatedKeepsItsLastValue()
    {
        var resource = Lab.Resource(("service.name", "first"), ("service.name", "second"));
        var doc = Lab.Translator().Translate(Lab.Span("GET /", SpanKind.Server, 1), resource).Document!;
        var metadata = JsonDocument.Parse(doc).RootElement.GetProperty("metadata").GetProperty("default");

        Assert.Single(MetadataKeys(doc));
        Assert.Equal("second", metadata.GetProperty("otel.resource.service.name").GetString());
    }

    [Fact]
    public void OversizedResourceEntryIsTrimmedAloneAndReported()
    {
        var resource = Lab.Resource(("service.name", "servicea"), ("big", new string('x', 70_000)));
        var result = Lab.Translator().Translate(Lab.Span("GET /", SpanKind.Server, 1), resource);

        Assert.True(result.IsAccepted);
        Assert.Equal(["otel.resource.service.name"], MetadataKeys(result.Document));
        Assert.Contains(result.Adjustments, a => a.Contains("'otel.resource.big'", StringComparison.Ordinal));
    }

    [Fact]
    public void SameResourceGivesTheSameMetadataForEverySpanOfTheBatch()
    {
        var request = new TracingLab.Otlp.Collector.Trace.V1.ExportTraceServiceRequest();
        var group = new TracingLab.Otlp.Trace.V1.ResourceSpans { Resource = Lab.Resource(ResourceAttributes) };
        var scope = new TracingLab.Otlp.Trace.V1.ScopeSpans();
        scope.Spans.Add(Lab.Span("GET /", SpanKind.Server, 1));
        scope.Spans.Add(Lab.Span("GET /", SpanKind.Server, 2).With("otel.resource.k8s.pod", "between"));
        scope.Spans.Add(Lab.Span("GET /", SpanKind.Server, 3));
        group.ScopeSpans.Add(scope);
        request.ResourceSpans.Add(group);

        var docs = Lab.Translator().Translate(request).Select(r => MetadataKeys(r.Document!)).ToList();

        Assert.Equal(docs[0], docs[2]);
        Assert.Equal(4, docs[1].Count);
    }
}
