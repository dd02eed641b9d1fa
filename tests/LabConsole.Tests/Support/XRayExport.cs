using System.Globalization;
using System.Text.Json.Nodes;
using TracingLab.XRay.Export;

namespace TracingLab.LabConsole.Tests.Support;

/// <summary>An X-Ray export made from the console's own translation, optionally perturbed before it is written.</summary>
internal static class XRayExport
{
    public static async Task<List<JsonObject>> DocumentsAsync(TestConsole console, string traceId)
    {
        var (status, body, text) = await console.GetAsync($"/api/xray/traces/{traceId}");
        Assert.True(status == 200, $"expected the trace's documents, got {status}: {text}");
        return [.. body!["documents"]!.AsArray().Select(d => d!.AsObject().DeepClone().AsObject())];
    }

    public static string Write(IEnumerable<JsonObject> documents) =>
        BatchGetTracesWriter.Write(documents.Select(d => d.ToJsonString())).Json;

    public static JsonObject ById(List<JsonObject> documents, ulong spanId) =>
        documents.Single(d => (string?)d["id"] == LabHops.SpanIdHex(spanId));

    public static void Shift(JsonObject document, double milliseconds)
    {
        foreach (var field in new[] { "start_time", "end_time" })
        {
            var value = (double)document[field]!;
            document[field] = double.Parse((value + (milliseconds / 1000)).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
    }
}
