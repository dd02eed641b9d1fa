using System.Text.Json.Nodes;
using TracingLab.Contracts.Telemetry;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Export;
using TracingLab.XRay.Import;
using TracingLab.XRay.Translation;

namespace TracingLab.XRay.Tests;

public class CompareTests
{
    private static readonly XRayTranslator Translator = Lab.Translator();
    private static readonly string TraceId = XRayTraceId.FromBytes(Lab.TraceId().Span).ToXRay();

    private static JsonNode Export() => JsonNode.Parse(
        BatchGetTracesWriter.Write(Translator.Translate(LabTrace.Request()).Select(r => r.Document!)).Json)!;

    private static TraceComparisonReport CompareWith(JsonNode export, CompareTolerances? tolerances = null)
    {
        var imported = XRayImportParser.Parse(export.ToJsonString());
        Assert.True(imported.Succeeded, imported.Error?.Message);
        return TraceComparer.Compare(TraceId, LabTrace.Request().ResourceSpans, imported.Import.Traces[0], Translator, tolerances);
    }

    /// <summary>Edits the document (top-level segment or embedded subsegment) with the given id.</summary>
    private static JsonNode Edit(JsonNode export, string id, Action<JsonObject> change)
    {
        foreach (var segment in export["Traces"]![0]!["Segments"]!.AsArray())
        {
            var doc = JsonNode.Parse(segment!["Document"]!.GetValue<string>())!.AsObject();
            if (Find(doc, id) is { } target)
            {
                change(target);
                segment["Document"] = doc.ToJsonString();
                return export;
            }
        }
        throw new InvalidOperationException($"no document with id {id} in the export");
    }

    private static JsonObject? Find(JsonObject doc, string id)
    {
        if (doc["id"]!.GetValue<string>() == id)
        {
            return doc;
        }
        return doc["subsegments"]?.AsArray().Select(s => Find(s!.AsObject(), id)).FirstOrDefault(f => f is not null);
    }

    private static void Shift(JsonObject doc, double seconds)
    {
        doc["start_time"] = doc["start_time"]!.GetValue<double>() + seconds;
        doc["end_time"] = doc["end_time"]!.GetValue<double>() + seconds;
    }

    [Fact]
    public void CompareAgainstAnExportOfTheLabsOwnTranslationPasses()
    {
        var report = CompareWith(Export());

        Assert.True(report.Passed, ComparisonTextRenderer.Render(report));
        Assert.Empty(report.Differences);
        Assert.Equal(LabTrace.SpanCount, report.Matches.Count);
        Assert.All(report.Matches, m => Assert.Equal(MatchMethod.Id, m.MatchedBy));
        Assert.Equal(0, report.ClockOffsetMs);
    }

    [Fact]
    public void EachPerturbationOfTheExportIsReported()
    {
        var export = Export();
        var segments = export["Traces"]![0]!["Segments"]!.AsArray();
        segments.Remove(segments.Single(s => s!["Id"]!.GetValue<string>() == "00000000000000c1"));
        Edit(export, "00000000000000b1", d => d["fault"] = true);
        Edit(export, "00000000000000b2", d => Shift(d, 0.050));
        Edit(export, "00000000000000a1", d => d["annotations"]!["lab_link"] = "tgw");

        var report = CompareWith(export);
        var text = ComparisonTextRenderer.Render(report);

        Assert.False(report.Passed);
        Assert.Contains(report.Differences, d => d.Kind == DifferenceKind.MissingInXRay && d.LocalId == "00000000000000c1" && d.ExceedsTolerance);
        Assert.Contains(report.Differences, d => d.Kind == DifferenceKind.MissingInXRay && d.LocalId == "00000000000000c2");
        Assert.Contains(report.Differences, d => d.Kind == DifferenceKind.Fault && d.LocalId == "00000000000000b1" && d is { Local: "false", XRay: "true" });
        var shifted = Assert.Single(report.Differences, d => d.Kind == DifferenceKind.StartTime);
        Assert.Equal("00000000000000b2", shifted.LocalId);
        Assert.Contains("50 ms later", shifted.Detail);
        Assert.Contains(report.Differences, d => d.Kind == DifferenceKind.AnnotationValue && d.LocalId == "00000000000000a1" && d.XRay == "\"tgw\"");
        Assert.DoesNotContain(report.Differences, d => d.Kind == DifferenceKind.Duration);
        Assert.Contains("FAIL", text);
        Assert.Contains("Fault", text);
        Assert.Contains("MissingInXRay", text);
    }

    [Fact]
    public void ClockOffsetBetweenTheSourcesIsRemoved()
    {
        var export = Export();
        foreach (var id in new[] { "00000000000000a1", "00000000000000b1", "00000000000000c1" })
        {
            // Every document moves by 2.5 s, embedded subsegments with their segment.
            Edit(export, id, d =>
            {
                Shift(d, 2.5);
                foreach (var sub in d["subsegments"]?.AsArray() ?? [])
                {
                    Shift(sub!.AsObject(), 2.5);
                }
            });
        }

        var report = CompareWith(export);

        Assert.True(report.Passed, ComparisonTextRenderer.Render(report));
        Assert.Equal(2500, report.ClockOffsetMs, 1);
        Assert.All(report.Matches, m => Assert.True(Math.Abs(m.StartDeltaMs) < 0.01, $"{m.Name} residual {m.StartDeltaMs}"));
    }

    [Fact]
    public void SegmentsWithOtherIdsAreMatchedByNameUnderTheirParent()
    {
        var export = Export();
        Edit(export, "00000000000000c2", d => d["id"] = "1234567890abcdef");

        var report = CompareWith(export);

        Assert.True(report.Passed, ComparisonTextRenderer.Render(report));
        var match = Assert.Single(report.Matches, m => m.MatchedBy == MatchMethod.NameAndParent);
        Assert.Equal(("00000000000000c2", "1234567890abcdef"), (match.LocalId, match.XRayId));
    }

    [Fact]
    public void InferredAndExtraSegmentsFollowTheTolerances()
    {
        var export = Export();
        var segments = export["Traces"]![0]!["Segments"]!.AsArray();
        var traceId = TraceId;
        segments.Add(new JsonObject
        {
            ["Id"] = "00000000000000e1",
            ["Document"] = $$"""{"id":"00000000000000e1","name":"lab-orders","trace_id":"{{traceId}}","start_time":1795348740.01,"end_time":1795348740.02,"inferred":true,"parent_id":"00000000000000a2"}""",
        });
        segments.Add(new JsonObject
        {
            ["Id"] = "00000000000000e2",
            ["Document"] = $$"""{"id":"00000000000000e2","name":"retry","trace_id":"{{traceId}}","start_time":1795348740.01,"end_time":1795348740.02}""",
        });

        var strict = CompareWith(export);
        var lenient = CompareWith(export, new CompareTolerances { AllowExtraSegments = true });

        Assert.Equal(1, strict.InferredSegmentsIgnored);
        var extra = Assert.Single(strict.Differences);
        Assert.Equal((DifferenceKind.ExtraInXRay, "00000000000000e2"), (extra.Kind, extra.XRayId));
        Assert.False(strict.Passed);
        Assert.True(lenient.Passed);
    }

    [Fact]
    public void NameNamespaceErrorThrottleAndAnnotationKeyChangesAreReported()
    {
        var export = Export();
        Edit(export, "00000000000000a2", d =>
        {
            d["name"] = "serviceb.lab";
            d.Remove("namespace");
            d["error"] = true;
            d["throttle"] = true;
            d["annotations"]!.AsObject().Remove("lab_hop");
            d["annotations"]!["extra"] = 1;
        });

        var kinds = CompareWith(export).Differences.Where(d => d.LocalId == "00000000000000a2").Select(d => d.Kind).Order().ToList();

        Assert.Equal([DifferenceKind.Name, DifferenceKind.Namespace, DifferenceKind.Error, DifferenceKind.Throttle,
            DifferenceKind.AnnotationMissing, DifferenceKind.AnnotationExtra], kinds);
    }

    [Fact]
    public void DottedAndUnderscoredAnnotationKeysAreTheSameByDefault()
    {
        var export = Export();
        Edit(export, "00000000000000a1", d =>
        {
            var annotations = d["annotations"]!.AsObject();
            annotations.Remove("lab_link");
            annotations["lab.link"] = "privatelink";
        });

        Assert.True(CompareWith(export).Passed);
        Assert.False(CompareWith(export, new CompareTolerances { DotsMatchUnderscoresInAnnotationKeys = false }).Passed);
    }

    [Fact]
    public void ReportSerializesToCamelCaseJsonWithEnumNames()
    {
        var export = Export();
        Edit(export, "00000000000000b1", d => d["fault"] = true);

        var json = JsonNode.Parse(CompareWith(export).ToJson())!;

        Assert.False(json["passed"]!.GetValue<bool>());
        Assert.Equal("Fault", json["differences"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("Id", json["matches"]![0]!["matchedBy"]!.GetValue<string>());
        Assert.Equal(1.0, json["tolerances"]!["maxTimingDeltaMs"]!.GetValue<double>());
    }

    [Fact]
    public void LocalSpansXRayWouldRefuseAreListed()
    {
        var old = Lab.Span("GET", TracingLab.Otlp.Trace.V1.Span.Types.SpanKind.Server, 0x77, traceId: Lab.TraceId(Lab.Now.ToUnixTimeSeconds() - (40 * 86400)));
        var translations = new[] { Translator.Translate(old, null) };
        var trace = new XRayTrace(TraceId, null, false, []);

        var report = TraceComparer.Compare(TraceId, translations, trace);

        Assert.Contains(report.LocalRejections, r => r.Contains("TraceIdTooOld"));
    }
}
