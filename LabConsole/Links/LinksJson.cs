using System.Text.Json;
using System.Text.Json.Serialization;

namespace TracingLab.LabConsole.Links;

/// <summary>JSON of the console's own link figures, in the same web defaults as the shared run model.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<LiveLinkHops>))]
internal sealed partial class LinksJson : JsonSerializerContext;
