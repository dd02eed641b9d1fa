using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Schema;
using TracingLab.XRay.Settings;
using TracingLab.XRay.Translation;
using static TracingLab.Otlp.Trace.V1.Span.Types;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.XRay.Tests;

public class TranslationRuleTests
{
    private static readonly long NowEpoch = Lab.Now.ToUnixTimeSeconds();

    [Fact]
    public void TraceIdOneSecondPastTheAgeLimitIsRejectedAsTooOld()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1, traceId: Lab.TraceId(NowEpoch - (28 * 86400) - 1));
        var result = Lab.Translator().Translate(span, null);

        Assert.False(result.IsAccepted);
        Assert.Equal(RejectionReason.TraceIdTooOld, result.Rejection.Reason);
        Assert.Contains("2419201 s before now", result.Rejection.Message);
    }

    [Fact]
    public void TraceIdOneSecondPastTheSkewLimitIsRejectedAsInFuture()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1, traceId: Lab.TraceId(NowEpoch + 301));
        var result = Lab.Translator().Translate(span, null);

        Assert.Equal(RejectionReason.TraceIdInFuture, result.Rejection?.Reason);
        Assert.Contains("301 s after now", result.Rejection!.Message);
    }

    [Fact]
    public void SkippingTimestampValidationAcceptsOldTraceIds()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1, traceId: Lab.TraceId(NowEpoch - (90 * 86400)));
        var result = Lab.Translator(new XRayTranslatorOptions { SkipTimestampValidation = true }).Translate(span, null);

        Assert.True(result.IsAccepted);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, RejectionReason.InvalidTraceId)]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, RejectionReason.InvalidTraceId)]
    [InlineData(null, new byte[] { 1, 2 }, RejectionReason.InvalidSpanId)]
    [InlineData(null, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, RejectionReason.InvalidSpanId)]
    public void MalformedIdsAreRejectedWithTheirReason(byte[]? traceId, byte[] spanId, RejectionReason reason)
    {
        var span = Lab.Span("GET", SpanKind.Server, 1);
        if (traceId is not null)
        {
            span.TraceId = Google.Protobuf.ByteString.CopyFrom(traceId);
        }
        span.SpanId = Google.Protobuf.ByteString.CopyFrom(spanId);

        var result = Lab.Translator().Translate(span, null);

        Assert.Equal(reason, result.Rejection?.Reason);
    }

    [Fact]
    public void TraceIdKeepsItsDigitsInXRayForm()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1);
        var result = Lab.Translator().Translate(span, null);
        var otel = Convert.ToHexStringLower(span.TraceId.Span);

        Assert.Contains($"\"trace_id\":\"1-{otel[..8]}-{otel[8..]}\"", result.Document);
        Assert.True(XRayTraceId.TryParse(otel, out var id));
        Assert.True(XRayTraceId.TryParse(id.ToXRay(), out var back));
        Assert.Equal(otel, back.ToHex());
    }

    [Fact]
    public void OversizedMetadataIsTrimmedLargestFirstAndReported()
    {
        var c = GoldenCases.Get("oversized_attribute_trimmed");
        var result = Lab.Translator().Translate(c.Span(), c.Resource());

        Assert.True(result.IsAccepted);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(result.Document) <= 64 * 1024);
        Assert.Contains(result.Adjustments, a => a.Contains("'request.body'") && a.Contains("dropped"));
        Assert.Contains("\"small\":\"kept\"", result.Document);
        Assert.Contains("\"lab_link\":\"privatelink\"", result.Document);
    }

    [Fact]
    public void AnnotationsAreTrimmedOnlyWhenMetadataIsNotEnough()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1);
        for (var i = 0; i < 40; i++)
        {
            span.With($"big{i}", new string('a', 900));
        }
        span.With("note", new string('m', 200));
        var options = new XRayTranslatorOptions { Exporter = XRayExporterSettings.Lab with { IndexAllAttributes = true }, MaxDocumentBytes = 8 * 1024 };

        var result = Lab.Translator(options).Translate(span, null);

        Assert.True(result.IsAccepted, result.Rejection?.Message);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(result.Document) <= 8 * 1024);
        Assert.Contains(result.Adjustments, a => a.StartsWith("annotation '"));
        Assert.DoesNotContain(result.Adjustments, a => a.StartsWith("metadata '"));
    }

    [Fact]
    public void DocumentTooLargeWithoutAttributesIsRejected()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1).With("url.full", "http://x/" + new string('p', 70_000)).With("http.request.method", "GET");

        var result = Lab.Translator().Translate(span, null);

        Assert.Equal(RejectionReason.DocumentTooLarge, result.Rejection?.Reason);
    }

    [Fact]
    public void MoreThanFiftyAnnotationsKeepTheRestAsMetadata()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1);
        for (var i = 0; i < 55; i++)
        {
            span.With($"k{i:00}", i);
        }
        var result = Lab.Translator(new XRayTranslatorOptions { Exporter = XRayExporterSettings.Lab with { IndexAllAttributes = true } }).Translate(span, null);

        Assert.Equal(5, result.Adjustments.Count(a => a.Contains("beyond X-Ray's 50 annotations")));
        using var doc = System.Text.Json.JsonDocument.Parse(result.Document!);
        Assert.Equal(50, doc.RootElement.GetProperty("annotations").EnumerateObject().Count());
        Assert.Equal(5, doc.RootElement.GetProperty("metadata").GetProperty("default").EnumerateObject().Count());
    }

    [Fact]
    public void LabLinkAnnotationSupportsTheDocumentedFilterExpression()
    {
        var span = Lab.Span("GET /lab/hops", SpanKind.Server, 1).With("lab.link", "privatelink");
        var result = Lab.Translator().Translate(span, Lab.Service("servicea"));

        // annotation.lab_link = "privatelink" filters on the key lab_link.
        using var doc = System.Text.Json.JsonDocument.Parse(result.Document!);
        Assert.Equal("privatelink", doc.RootElement.GetProperty("annotations").GetProperty("lab_link").GetString());
    }

    [Fact]
    public void LoneSurrogateIsWrittenAsValidJsonInsteadOfThrowing()
    {
        var span = Lab.Span("GET", SpanKind.Server, 1).With("bad", "x\ud800y");

        var result = Lab.Translator().Translate(span, null);

        Assert.True(result.IsAccepted, result.Rejection?.Message);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Document);
        Assert.StartsWith("x", doc.RootElement.GetProperty("metadata").GetProperty("default").GetProperty("bad").GetString());
    }

    [Fact]
    public void InvalidOptionsAreRejectedNamingEachValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => new XRayTranslator(new XRayTranslatorOptions
        {
            MaxTraceIdAge = TimeSpan.FromDays(45),
            MaxDocumentBytes = 100_000,
        }));

        Assert.Contains("MaxTraceIdAge is 45.00:00:00", ex.Message);
        Assert.Contains("MaxDocumentBytes is 100000", ex.Message);
    }

    [Fact]
    public void ExportRequestIsTranslatedSpanBySpanWithItsResource()
    {
        var request = LabTrace.Request();
        var results = Lab.Translator().Translate(request);

        Assert.Equal(LabTrace.SpanCount, results.Count);
        Assert.All(results, r => Assert.True(r.IsAccepted, r.Rejection?.Message));
        var names = results.Select(r => System.Text.Json.JsonDocument.Parse(r.Document!).RootElement)
            .Where(e => !e.TryGetProperty("type", out _)).Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(["servicea", "serviceb", "servicec"], names);
    }

    [Fact]
    public async Task LabHopsTraceGivesOneSegmentPerServiceAndRemoteClientSubsegments()
    {
        var results = Lab.Translator().Translate(LabTrace.Request());
        var validator = await SegmentDocumentValidator.GetAsync();
        var docs = results.Select(r => System.Text.Json.JsonDocument.Parse(r.Document!).RootElement).ToList();

        Assert.All(results, r => Assert.Empty(validator.Validate(r.Document!)));
        Assert.Equal(3, docs.Count(d => !d.TryGetProperty("type", out _)));
        var clients = docs.Where(d => d.TryGetProperty("namespace", out var ns) && ns.GetString() == "remote").ToList();
        Assert.Equal(2, clients.Count);
        Assert.All(clients, c => Assert.Equal("subsegment", c.GetProperty("type").GetString()));
    }

    [Fact]
    public void DotnetStackTraceBecomesFramesWithPathAndLine()
    {
        List<ExceptionInfo> exceptions = [new("0000000000000001", "System.Exception", "boom", false, [])];
        StackTraces.Fill("dotnet", "System.Exception: boom\n   at A.B() in /src/A.cs:line 12\n   at C.D(Int32 x)\n   --- End of stack trace ---", exceptions, () => "x");
        var frames = exceptions[0].Stack;

        Assert.Equal(2, frames.Count);
        Assert.Equal(new StackFrameInfo("/src/A.cs", "A.B()", 12), frames[0]);
        Assert.Equal(new StackFrameInfo("", "C.D(Int32 x)", 0), frames[1]);
    }
}
