using System.Buffers;
using System.Text.Json;

namespace TracingLab.XRay.Translation;

/// <summary>
/// A resource's metadata properties, pre-written once: the first property's name, then the rest of the run as raw
/// JSON (<c>v1,"k2":v2,…,"kn":vn</c>) written in one call after it. Used only when no other key of the document
/// sorts inside the run (see <see cref="FieldPlanner"/>), so the document is the one the properties would give one by one.
/// </summary>
internal sealed class MetadataRun
{
    private MetadataRun(ResourceEntry first, ResourceEntry last, byte[] rest, int estimate)
    {
        First = first;
        Last = last;
        Rest = rest;
        Estimate = estimate;
    }

    public ResourceEntry First { get; }
    public ResourceEntry Last { get; }

    /// <summary>The first value and every following property, as they appear inside <c>metadata.default</c>.</summary>
    public byte[] Rest { get; }
    public int Estimate { get; }

    public static MetadataRun? Create(IReadOnlyList<ResourceEntry> sorted, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        var kept = sorted.Where(e => e.Json is not null).ToList();
        if (kept.Count == 0 || kept.Zip(kept.Skip(1)).Any(pair => pair.First.Key == pair.Second.Key))
        {
            return null;
        }
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var entry in kept)
        {
            writer.WritePropertyName(entry.EncodedKey);
            writer.WriteRawValue(entry.Json!, skipInputValidation: true);
        }
        writer.WriteEndObject();
        writer.Flush();
        // {"k1":v1,...} → v1,...: drop the opening brace, the first name and its colon, and the closing brace.
        var skip = 1 + kept[0].EncodedKey.EncodedUtf8Bytes.Length + 3;
        var rest = buffer.WrittenSpan[skip..^1].ToArray();
        return new MetadataRun(kept[0], kept[^1], rest, kept.Sum(e => e.Estimate));
    }
}
