using System.Text.Json;
using System.Text.Json.Serialization;

namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// The JSON of the links feed (web defaults: camelCase, ISO 8601 dates), as the AppHost writes it and the lab console
/// and the link comparison read it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(LinksSnapshot))]
public sealed partial class LinksFeedJson : JsonSerializerContext;
