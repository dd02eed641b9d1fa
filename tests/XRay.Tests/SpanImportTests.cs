using TracingLab.Contracts.Telemetry;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Import;

namespace TracingLab.XRay.Tests;

/// <summary>
/// The OTLP / Transaction Search path's CLI outputs, read from sample files written from the documented response
/// shapes (Samples/README.md), then compared with the local trace they stand for (<see cref="LabTrace"/>).
/// </summary>
public class SpanImportTests
{
    private static readonly string TraceId = XRayTraceId.Normalize(Convert.ToHexStringLower(Lab.TraceId().Span))!;

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static TheoryData<string, XRayImportFormat> Samples() => new()
    {
        { "list-retrieved-traces-xray.json", XRayImportFormat.RetrievedXRay },
        { "list-retrieved-traces-otel.json", XRayImportFormat.RetrievedOtel },
        { "filter-log-events-aws-spans.json", XRayImportFormat.AwsSpansLogEvents },
        { "get-query-results-aws-spans.json", XRayImportFormat.AwsSpansQueryResults },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void EachFormatImportsTheWholeTrace(string file, XRayImportFormat format)
    {
        var result = XRayImportParser.Parse(Sample(file));

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(format, result.Import.Format);
        var trace = Assert.Single(result.Import.Traces);
        Assert.Equal(TraceId, trace.Id);
        Assert.Equal(format, trace.Format);
        Assert.Equal(LabTrace.SpanCount, trace.AllSegments().Count());
        Assert.Equal(["servicea", "serviceb", "servicec"], trace.AllSegments().Where(s => !s.IsSubsegment).Select(s => s.Name).Order());
        if (format is XRayImportFormat.RetrievedXRay)
        {
            Assert.Null(trace.Spans);
        }
        else
        {
            Assert.Equal(LabTrace.SpanCount, trace.Spans!.Sum(rs => rs.ScopeSpans.Sum(ss => ss.Spans.Count)));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EachFormatComparesCleanWithTheLocalTrace(string file, XRayImportFormat format)
    {
        var trace = XRayImportParser.Parse(Sample(file)).Import!.Traces[0];

        var report = TraceComparer.Compare(TraceId, LabTrace.Request().ResourceSpans, trace, Lab.Translator());

        Assert.True(report.Passed, $"{format}: " + string.Join("; ", report.Failures.Select(f => f.Detail)));
        Assert.Equal(LabTrace.SpanCount, report.Matches.Count);
        Assert.All(report.Matches, m => Assert.Equal(MatchMethod.Id, m.MatchedBy));
    }

    [Fact]
    public void ASpanStoredDifferentlyShowsAsADifference()
    {
        const string sent = "\\\"http.response.status_code\\\":200";
        var original = Sample("filter-log-events-aws-spans.json");
        Assert.Contains(sent, original);
        var json = original.Replace(sent, sent.Replace("200", "503", StringComparison.Ordinal), StringComparison.Ordinal);
        var trace = XRayImportParser.Parse(json).Import!.Traces[0];

        var report = TraceComparer.Compare(TraceId, LabTrace.Request().ResourceSpans, trace, Lab.Translator());

        Assert.False(report.Passed);
        Assert.Contains(report.Failures, d => d.Kind == DifferenceKind.Fault);
    }

    [Fact]
    public void AnAttributeStoredWithAnotherTypeShowsAsAnAttributeDifference()
    {
        const string sent = "\\\"http.response.status_code\\\":200";
        const string storedAsText = "\\\"http.response.status_code\\\":\\\"200\\\",\\\"lab.added\\\":true";
        var json = Sample("get-query-results-aws-spans.json").Replace(sent, storedAsText, StringComparison.Ordinal);
        var trace = XRayImportParser.Parse(json).Import!.Traces[0];

        var report = TraceComparer.Compare(TraceId, LabTrace.Request().ResourceSpans, trace, Lab.Translator());

        Assert.False(report.Passed);
        var changed = report.Failures.Where(d => d.Kind == DifferenceKind.AttributeValue).ToList();
        Assert.Equal(LabTrace.SpanCount - 1, changed.Count);
        Assert.All(changed, d => Assert.Equal(("int 200", "string \"200\""), (d.Local, d.XRay)));
        var extra = report.Differences.Where(d => d.Kind == DifferenceKind.AttributeExtra).ToList();
        Assert.NotEmpty(extra);
        Assert.All(extra, d => Assert.False(d.ExceedsTolerance));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void MutatedSamplesAreImportedOrRefusedButNeverThrow(string file, XRayImportFormat format)
    {
        var original = Sample(file);
        var random = new Random(20261205);
        string[] replacements = ["", "\"", "{", "]", "0", "-1", "null", "\\u0000", "x", "1e999"];
        for (var i = 0; i < 400; i++)
        {
            var at = random.Next(original.Length);
            var mutated = original[..at] + replacements[random.Next(replacements.Length)] + original[(at + 1)..];

            var result = XRayImportParser.Parse(mutated);

            Assert.True(result.Succeeded || result.Error.Message.Length < 400, $"{format}: {result.Error?.Message}");
        }
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { """{"Traces":[],"RetrievalStatus":"RUNNING"}""", "$.RetrievalStatus", "COMPLETE" },
        { """{"Traces":[{"Id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba","Spans":[{"Id":"00000000000000a1","Document":"{\"foo\":1}"}]}]}""", "$.Traces[0].Spans[0].Document", "--trace-format XRAY" },
        { """{"TraceFormat":"XML","Traces":[]}""", "$.TraceFormat", "XRAY or OTEL" },
        { """{"TraceFormat":"OTEL","Traces":[{"Id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba","Spans":[{"Id":"00000000000000a1","Document":"not json"}]}]}""", "$.Traces[0].Spans[0].Document", "a span document (a JSON object) in the string" },
        { """{"events":[{"message":"plain text log line"}]}""", "$.events[0].message", "an aws/spans span record" },
        { """{"events":[{"message":"{\"traceId\":\"abc\",\"spanId\":\"00000000000000a1\",\"name\":\"x\"}"}]}""", "$.events[0].message.traceId", "a W3C trace id (32 hex digits)" },
        { """{"events":[{"message":"{\"traceId\":\"6b02d904afb0b1b2b3b4b5b6b7b8b9ba\",\"spanId\":\"00000000000000a1\",\"name\":\"x\"}"}]}""", "$.events[0].message.startTimeUnixNano", "epoch nanoseconds" },
        { """{"events":[{"message":"{\"traceId\":\"6b02d904afb0b1b2b3b4b5b6b7b8b9ba\",\"spanId\":\"00000000000000a1\",\"name\":\"x\",\"kind\":\"SIDEWAYS\",\"startTimeUnixNano\":1,\"endTimeUnixNano\":2}"}]}""", "$.events[0].message.kind", "a span kind" },
        { """{"results":[[{"field":"traceId","value":"6b02d904afb0b1b2b3b4b5b6b7b8b9ba"}]]}""", "$.results[0]", "a row with an @message field" },
        { """{"results":[],"status":"Running"}""", "$.status", "Complete" },
        { """{"Foo":1}""", "$", "events (aws logs filter-log-events on aws/spans)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void BadInputIsRefusedNamingTheFormatExpected(string json, string path, string expected)
    {
        var result = XRayImportParser.Parse(json);

        Assert.False(result.Succeeded);
        Assert.Equal(path, result.Error.Path);
        Assert.Contains(expected, result.Error.Expected);
        Assert.True(result.Error.Found.Length <= 80, result.Error.Found);
    }
}
