using System.Text.Json.Serialization;
using TracingLab.Dashboard.Otlp;

namespace TracingLab.Dashboard.Hosting;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
