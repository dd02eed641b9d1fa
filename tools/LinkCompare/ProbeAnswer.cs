using System.Text.Json;
using System.Text.Json.Serialization;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// What <c>/lab/hops</c> answers, read loosely: a HopsReport (200), or a problem (400 with <c>enabledLinks</c>, 502 with
/// <c>traceId</c>, <c>link</c> and <c>hops</c> as extensions).
/// </summary>
internal sealed record ProbeAnswer(
    string? TraceId, string? Link, IReadOnlyList<ProbeAnswerHop>? Hops, IReadOnlyList<string>? EnabledLinks, string? Title, string? Detail);

/// <summary>One hop report of a probe answer.</summary>
internal sealed record ProbeAnswerHop(
    string? From, string? To, string? Link, string? RemoteAddress, string? TraceId, int Status, double ElapsedMs, string? Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProbeAnswer))]
internal sealed partial class ProbeJson : JsonSerializerContext;
