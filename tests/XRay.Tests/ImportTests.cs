using TracingLab.XRay.Export;
using TracingLab.XRay.Import;

namespace TracingLab.XRay.Tests;

public class ImportTests
{
    private static string LabExport(bool nest = true) =>
        BatchGetTracesWriter.Write(Lab.Translator().Translate(LabTrace.Request()).Select(r => r.Document!), nest).Json;

    [Fact]
    public void BatchGetTracesFromTheLabsOwnTranslationImportsWithNestedSubsegments()
    {
        var result = XRayImportParser.Parse(LabExport());

        Assert.True(result.Succeeded, result.Error?.Message);
        var trace = Assert.Single(result.Import.Traces);
        Assert.Equal(3, trace.Segments.Count);
        Assert.Equal(LabTrace.SpanCount, trace.AllSegments().Count());
        var servicea = trace.Segments.Single(s => s.Name == "servicea");
        var call = Assert.Single(servicea.Subsegments);
        Assert.Equal("serviceb", call.Name);
        Assert.Equal("remote", call.Namespace);
        Assert.True(call.IsSubsegment);
        Assert.Equal("privatelink", servicea.Annotations["lab_link"].GetString());
        Assert.Equal(0.04, trace.Duration!.Value, 3);
    }

    [Fact]
    public void FlatExportKeepsEveryDocumentAsASegmentEntry()
    {
        var trace = XRayImportParser.Parse(LabExport(nest: false)).Import!.Traces[0];

        Assert.Equal(LabTrace.SpanCount, trace.Segments.Count);
        Assert.Equal(3, trace.Segments.Count(s => s.IsSubsegment));
    }

    [Fact]
    public void TraceSummariesImport()
    {
        var result = XRayImportParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "get-trace-summaries.json")));

        Assert.True(result.Succeeded, result.Error?.Message);
        var s = Assert.Single(result.Import.Summaries);
        Assert.True(s.HasThrottle);
        Assert.Equal(429, s.HttpStatus);
        Assert.Equal("privatelink", s.Annotations["lab_link"][0].GetString());
        Assert.Equal(2, s.Annotations["lab_hop"].Count);
        Assert.Equal(["servicea", "serviceb"], s.ServiceIds.Select(x => x.Name));
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "not json at all", "$", "valid JSON" },
        { "[]", "$", "an object with Traces" },
        { """{"Foo":1}""", "$", "an object with Traces" },
        { """{"Traces":{}}""", "$.Traces", "an array" },
        { """{"Traces":[{"Id":"abc","Segments":[]}]}""", "$.Traces[0].Id", "an X-Ray trace id" },
        { """{"Traces":[{"Id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba"}]}""", "$.Traces[0].Segments", "an array" },
        { """{"Traces":[{"Id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba","Segments":[{"Id":"0000000000000001","Document":{}}]}]}""", "$.Traces[0].Segments[0].Document", "the segment document as a JSON string" },
        { """{"Traces":[{"Id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba","Segments":[{"Id":"0000000000000001","Document":"{oops"}]}]}""", "$.Traces[0].Segments[0].Document", "a segment document" },
        { """{"TraceSummaries":[{"Id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba","HasFault":"yes"}]}""", "$.TraceSummaries[0].HasFault", "true or false" },
        { """{"TraceSummaries":[{"Id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba","Annotations":{"lab_link":[{"AnnotationValue":{}}]}}]}""", "$.TraceSummaries[0].Annotations.lab_link[0].AnnotationValue", "StringValue" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedInputIsRefusedWithTheJsonPathOfTheBadField(string json, string path, string expected)
    {
        var result = XRayImportParser.Parse(json);

        Assert.False(result.Succeeded);
        Assert.Equal(path, result.Error.Path);
        Assert.Contains(expected, result.Error.Expected);
    }

    [Theory]
    [InlineData("start_time", "\"start_time\":\"soon\"", "$.Traces[0].Segments[2].Document.start_time", "epoch seconds")]
    [InlineData("end_time", "", "$.Traces[0].Segments[2].Document.end_time", "in_progress")]
    [InlineData("id", "\"id\":\"NOT-HEX\"", "$.Traces[0].Segments[2].Document.id", "16 lowercase hex")]
    [InlineData("fault", "\"fault\":1", "$.Traces[0].Segments[2].Document.fault", "true or false")]
    [InlineData("status", "\"status\":700", "$.Traces[0].Segments[2].Document.http.response.status", "HTTP status code")]
    public void BadFieldInsideADocumentIsNamedByItsFullPath(string field, string replacement, string path, string expected)
    {
        var json = CorruptThirdDocument(field, replacement);

        var result = XRayImportParser.Parse(json);

        Assert.False(result.Succeeded, "the corrupted export was accepted");
        Assert.Equal(path, result.Error.Path);
        Assert.Contains(expected, result.Error.Expected);
    }

    [Fact]
    public void BadAnnotationInANestedSubsegmentIsNamedByItsPath()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(LabExport())!;
        var segment = root["Traces"]![0]!["Segments"]![0]!;
        var doc = System.Text.Json.Nodes.JsonNode.Parse(segment["Document"]!.GetValue<string>())!;
        doc["subsegments"]![0]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["lab_link"] = new System.Text.Json.Nodes.JsonArray() };
        segment["Document"] = doc.ToJsonString();

        var result = XRayImportParser.Parse(root.ToJsonString());

        Assert.Equal("$.Traces[0].Segments[0].Document.subsegments[0].annotations.lab_link", result.Error?.Path);
    }

    private static string CorruptThirdDocument(string field, string replacement)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(LabExport(nest: false))!;
        var segment = root["Traces"]![0]!["Segments"]![2]!;
        var doc = System.Text.Json.Nodes.JsonNode.Parse(segment["Document"]!.GetValue<string>())!.AsObject();
        if (field == "status")
        {
            doc["http"]!["response"]!["status"] = 700;
        }
        else
        {
            doc.Remove(field);
            if (replacement.Length > 0)
            {
                var extra = System.Text.Json.Nodes.JsonNode.Parse("{" + replacement + "}")!.AsObject();
                foreach (var (k, v) in extra.ToList())
                {
                    extra.Remove(k);
                    doc[k] = v;
                }
            }
        }
        segment["Document"] = doc.ToJsonString();
        return root.ToJsonString();
    }
}
