using System.Buffers;
using System.Text.Json;
using TracingLab.Otlp.Common.V1;

namespace TracingLab.XRay.Translation;

/// <summary>One resource attribute as segment metadata, encoded once per resource: the <c>otel.resource.{key}</c>
/// property name and the value's JSON bytes.</summary>
internal sealed class ResourceEntry(string key, AnyValue? value, JsonEncodedText encodedKey, byte[]? json)
{
    public string Key { get; } = key;
    public AnyValue? Value { get; } = value;
    public JsonEncodedText EncodedKey { get; } = encodedKey;

    /// <summary>The value as JSON, or null when the value is empty (left out of metadata).</summary>
    public byte[]? Json { get; } = json;
    public int Estimate { get; } = key.Length + 4 + AnyValueJson.EstimateBytes(value);
}

/// <summary>
/// What every document of one resource shares, written once per resource instead of once per span: the metadata
/// entries of its attributes and the resource part of the <c>aws</c> block. The bytes are the ones
/// <see cref="SegmentWriter"/> would write, so documents do not change.
/// </summary>
internal sealed class ResourceJson
{
    private readonly IReadOnlyList<string>? _configLogGroups;

    public ResourceJson(ResourceFacts resource, IReadOnlyList<string>? configLogGroups)
    {
        _configLogGroups = configLogGroups;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, SegmentWriter.WriterOptions);
        var attributes = resource.Attributes;
        var entries = new ResourceEntry[attributes.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var key = resource.PrefixedKeys[i];
            var value = attributes[i].Value;
            byte[]? json = null;
            if (!AnyValueJson.IsEmpty(value))
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                AnyValueJson.Write(writer, value);
                writer.Flush();
                json = buffer.WrittenSpan.ToArray();
            }
            entries[i] = new ResourceEntry(key, value, JsonEncodedText.Encode(key, SegmentWriter.WriterOptions.Encoder), json);
        }
        // Sorted by key as documents write them (stable, so a repeated key keeps its last value last).
        Entries = [.. entries.OrderBy(e => e.Key, StringComparer.Ordinal)];
        Run = MetadataRun.Create(Entries, buffer, writer);
        if (resource.IsAws)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            SegmentWriter.WriteAwsResourcePart(writer, resource, configLogGroups);
            writer.WriteEndObject();
            writer.Flush();
            AwsBlock = buffer.WrittenSpan.ToArray();
        }
    }

    /// <summary>Metadata entries sorted by key.</summary>
    public IReadOnlyList<ResourceEntry> Entries { get; }

    /// <summary>All non-empty entries as one pre-written run of metadata properties; null when keys repeat or none.</summary>
    public MetadataRun? Run { get; }

    /// <summary>Set by the planner that uses this resource: whether its settings make any entry an annotation.</summary>
    internal (object Planner, bool AnyIndexed)? Indexing { get; set; }

    /// <summary>The whole <c>aws</c> object of a document without AWS call fields; null for another cloud.</summary>
    public byte[]? AwsBlock { get; }

    public bool IsFor(IReadOnlyList<string>? configLogGroups) => ReferenceEquals(configLogGroups, _configLogGroups);
}
