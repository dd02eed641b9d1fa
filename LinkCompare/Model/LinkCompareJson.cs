using System.Text.Json;
using System.Text.Json.Serialization;

namespace TracingLab.LinkCompare.Model;

/// <summary>
/// The one JSON shape of the link-comparison model (web defaults: camelCase, ISO 8601 dates), shared by the run file
/// next to the report and <c>POST /api/links/runs</c> (the links feed has <c>LinksFeedJson</c>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CompareRun))]
[JsonSerializable(typeof(RunSamples))]
[JsonSerializable(typeof(IReadOnlyList<CompareRun>))]
public sealed partial class LinkCompareJson : JsonSerializerContext;
