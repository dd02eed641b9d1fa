using System.Text.Json;
using TracingLab.Otlp.Common.V1;

namespace TracingLab.XRay.Translation;

internal enum FieldKind
{
    Annotation,
    DefaultMetadata,
    NamespaceMetadata,
}

/// <summary>An attribute on its way into <c>annotations</c> or <c>metadata</c>. Either <see cref="Value"/> (an OTLP
/// value) or <see cref="Json"/> (from an <c>aws.xray.metadata.*</c> attribute) is set; resource metadata also carries
/// its pre-encoded <see cref="Resource"/> entry.</summary>
internal struct PlannedField
{
    public FieldKind Kind;
    public string Key;
    public AnyValue? Value;
    public JsonElement? Json;
    public ResourceEntry? Resource;
    public MetadataRun? Run;
    public int Order;
    public int Estimate;
    public bool Dropped;

    public static PlannedField Of(FieldKind kind, string key, AnyValue value, int order) => new()
    {
        Kind = kind,
        Key = key,
        Value = value,
        Order = order,
        Estimate = key.Length + 4 + AnyValueJson.EstimateBytes(value),
    };

    public static PlannedField OfResource(ResourceEntry entry, int order) => new()
    {
        Kind = FieldKind.DefaultMetadata,
        Key = entry.Key,
        Value = entry.Value,
        Resource = entry,
        Order = order,
        Estimate = entry.Estimate,
    };

    public static PlannedField OfRun(MetadataRun run, int order) => new()
    {
        Kind = FieldKind.DefaultMetadata,
        Key = run.First.Key,
        Run = run,
        Order = order,
        Estimate = run.Estimate,
    };

    public static PlannedField OfJson(FieldKind kind, string key, JsonElement json, int order) => new()
    {
        Kind = kind,
        Key = key,
        Json = json,
        Order = order,
        Estimate = key.Length + 4 + json.GetRawText().Length,
    };
}
