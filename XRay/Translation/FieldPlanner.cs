using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Json;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Settings;

namespace TracingLab.XRay.Translation;

/// <summary>
/// Decides, per attribute, annotation or metadata (the exporter's <c>makeXRayAttributes</c>), then applies X-Ray's
/// annotation limits: at most 50 per document and values of at most 1000 characters. What does not fit as an
/// annotation is kept as metadata and reported, never silently lost.
/// </summary>
internal sealed class FieldPlanner(XRayTranslatorOptions options)
{
    public const int MaxAnnotations = 50;
    public const int MaxAnnotationValueLength = 1000;
    private const string ResourcePrefix = "otel.resource.";

    private readonly FrozenSet<string> _indexed = options.Exporter.IndexedAttributes.ToFrozenSet(StringComparer.Ordinal);
    private readonly bool _indexAll = options.Exporter.IndexAllAttributes;
    private readonly bool _keepDots = options.Exporter.AllowDot;

    /// <summary>Span attribute keys the settings name (renamed or indexed), looked up once per attribute: the key the
    /// exporter sees after the collector's rename, and whether <c>indexed_attributes</c> lists it.</summary>
    private readonly FrozenDictionary<string, (string Key, bool Indexed, string AnnotationKey)> _configured = Configured(options.Exporter);

    /// <summary>Also the annotation key each configured key becomes, cleaned once.</summary>
    private static FrozenDictionary<string, (string Key, bool Indexed, string AnnotationKey)> Configured(XRayExporterSettings settings)
    {
        var indexed = settings.IndexedAttributes.ToHashSet(StringComparer.Ordinal);
        var map = new Dictionary<string, (string, bool, string)>(StringComparer.Ordinal);
        foreach (var key in indexed)
        {
            map[key] = (key, true, Names.CleanAnnotationKey(key, settings.AllowDot));
        }
        foreach (var attribute in settings.RenamedAttributes)
        {
            var renamed = XRayExporterSettings.RenamedKey(attribute);
            map[attribute] = (renamed, indexed.Contains(renamed), Names.CleanAnnotationKey(renamed, settings.AllowDot));
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <param name="onlyResourceMetadata">The local-root service segment keeps only <c>otel.resource.*</c> metadata.</param>
    /// <param name="asRun">Write the resource's metadata as its pre-written run when the document allows it; false
    /// gives one field per entry (needed to trim entries one by one).</param>
    public void Plan(Span span, SpanFacts facts, ResourceFacts resource, bool storeResource, bool onlyResourceMetadata,
        IReadOnlyList<string>? configLogGroups, List<PlannedField> fields, List<string> notes, bool asRun = true)
    {
        fields.Clear();
        var order = 0;
        RepeatedFieldList? spanIndexed = facts.AnnotationListIndex >= 0
            ? new RepeatedFieldList(span.Attributes[facts.AnnotationListIndex].Value.ArrayValue)
            : null;

        var json = storeResource ? resource.Json(configLogGroups) : null;
        var runIndex = -1;
        if (json is not null && asRun && spanIndexed is null && json.Run is { } run && !AnyIndexed(json))
        {
            runIndex = fields.Count;
            fields.Add(PlannedField.OfRun(run, order++));
        }
        else if (json is not null)
        {
            var entries = json.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var value = entry.Value;
                if (AnyValueJson.IsScalar(value) && (_indexAll || _indexed.Contains(entry.Key) || spanIndexed?.Contains(entry.Key) == true))
                {
                    fields.Add(PlannedField.Of(FieldKind.Annotation, Names.CleanAnnotationKey(entry.Key, _keepDots), value, order++));
                }
                else if (entry.Json is not null)
                {
                    fields.Add(PlannedField.OfResource(entry, order++));
                }
            }
        }

        var consumed = facts.Consumed;
        var removed = facts.Removed;
        var attributes = span.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var kv = attributes[i];
            if (kv.Key == SemConv.EnduserId || i == facts.AnnotationListIndex || removed[i])
            {
                continue;
            }
            // The collector's attributes processor renames some keys before the exporter sees them.
            var (key, configIndexed, annotationKey) = _configured.TryGetValue(kv.Key, out var rule) ? rule : (kv.Key, false, null);
            var explicitlyIndexed = configIndexed || spanIndexed?.Contains(key) == true;
            // Only the configured list brings back an attribute a block consumed (the exporter's addSpecialAttributes).
            if (consumed[i] && !configIndexed)
            {
                continue;
            }
            if (_indexAll || explicitlyIndexed)
            {
                if (AnyValueJson.IsScalar(kv.Value))
                {
                    fields.Add(PlannedField.Of(FieldKind.Annotation, annotationKey ?? Names.CleanAnnotationKey(key, _keepDots), kv.Value, order++));
                }
                else if (!AnyValueJson.IsEmpty(kv.Value))
                {
                    // Lists and maps cannot be annotations: the exporter drops them, and so does the lab, saying so.
                    notes.Add($"attribute '{key}' is indexed but not a string, number or boolean; the exporter drops it");
                }
                continue;
            }
            if (kv.Key.StartsWith(SemConv.XRayMetadataPrefix, StringComparison.Ordinal)
                && kv.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue)
            {
                AddNamespacedMetadata(kv.Key, kv.Value, fields, ref order);
                continue;
            }
            if (!AnyValueJson.IsEmpty(kv.Value))
            {
                fields.Add(PlannedField.Of(FieldKind.DefaultMetadata, key, kv.Value, order++));
            }
        }

        if (onlyResourceMetadata)
        {
            fields.RemoveAll(f => f.Kind != FieldKind.Annotation && !f.Key.StartsWith(ResourcePrefix, StringComparison.Ordinal));
        }
        ApplyAnnotationLimits(fields, notes);
        // Resource entries come pre-sorted, so the list is nearly in order and the sort has little to move.
        fields.Sort(FieldOrder);
        if (runIndex >= 0 && !RunStandsAlone(fields))
        {
            // A span key sorts inside (or onto) the resource's keys: plan the entries one by one instead.
            notes.Clear();
            Plan(span, facts, resource, storeResource, onlyResourceMetadata, configLogGroups, fields, notes, asRun: false);
            return;
        }
        RemoveDuplicateKeys(fields);
    }

    /// <summary>True when the run's neighbours sort strictly before its first key and after its last one.</summary>
    private static bool RunStandsAlone(List<PlannedField> fields)
    {
        var i = fields.FindIndex(f => f.Run is not null);
        if (i < 0)
        {
            return true;
        }
        var run = fields[i].Run!;
        var before = i > 0 && fields[i - 1].Kind == FieldKind.DefaultMetadata && string.CompareOrdinal(fields[i - 1].Key, run.First.Key) >= 0;
        var after = i + 1 < fields.Count && fields[i + 1].Kind == FieldKind.DefaultMetadata && string.CompareOrdinal(fields[i + 1].Key, run.Last.Key) <= 0;
        return !before && !after;
    }

    /// <summary>Whether these settings make any of the resource's entries an annotation (computed once per resource).</summary>
    private bool AnyIndexed(ResourceJson json)
    {
        if (json.Indexing is { } known && ReferenceEquals(known.Planner, this))
        {
            return known.AnyIndexed;
        }
        var any = json.Entries.Any(e => AnyValueJson.IsScalar(e.Value) && (_indexAll || _indexed.Contains(e.Key)));
        json.Indexing = (this, any);
        return any;
    }

    private static void AddNamespacedMetadata(string key, AnyValue value, List<PlannedField> fields, ref int order)
    {
        var ns = key[SemConv.XRayMetadataPrefix.Length..];
        JsonElement parsed;
        try
        {
            using var doc = JsonDocument.Parse(value.StringValue);
            parsed = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            fields.Add(PlannedField.Of(FieldKind.DefaultMetadata, key, value, order++));
            return;
        }
        if (parsed.ValueKind != JsonValueKind.Object)
        {
            fields.Add(PlannedField.Of(FieldKind.DefaultMetadata, key, value, order++));
            return;
        }
        if (string.Equals(ns, "default", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var property in parsed.EnumerateObject())
            {
                fields.Add(PlannedField.OfJson(FieldKind.DefaultMetadata, property.Name, property.Value, order++));
            }
        }
        else
        {
            fields.Add(PlannedField.OfJson(FieldKind.NamespaceMetadata, ns, parsed, order++));
        }
    }

    private static void ApplyAnnotationLimits(List<PlannedField> fields, List<string> notes)
    {
        var items = CollectionsMarshal.AsSpan(fields);
        var count = 0;
        for (var i = 0; i < items.Length; i++)
        {
            ref var f = ref items[i];
            if (f.Kind != FieldKind.Annotation)
            {
                continue;
            }
            if (f.Value!.ValueCase == AnyValue.ValueOneofCase.StringValue && f.Value.StringValue.Length > MaxAnnotationValueLength)
            {
                f.Kind = FieldKind.DefaultMetadata;
                notes.Add($"annotation '{f.Key}' has {f.Value.StringValue.Length} characters (X-Ray allows {MaxAnnotationValueLength}); kept as metadata");
                continue;
            }
            if (++count > MaxAnnotations)
            {
                f.Kind = FieldKind.DefaultMetadata;
                notes.Add($"annotation '{f.Key}' is beyond X-Ray's {MaxAnnotations} annotations; kept as metadata");
            }
        }
    }

    /// <summary>Keys that collide after cleaning (or repeat) keep the last value, as the exporter's map does.</summary>
    private static void RemoveDuplicateKeys(List<PlannedField> fields)
    {
        for (var i = fields.Count - 2; i >= 0; i--)
        {
            if (fields[i].Kind == fields[i + 1].Kind && fields[i].Key == fields[i + 1].Key)
            {
                fields.RemoveAt(i);
            }
        }
    }

    /// <summary>Annotations, then default metadata, then namespaces; by key; equal keys in the order they came. A cached
    /// static delegate: a struct comparer would be boxed by the sort.</summary>
    private static readonly Comparison<PlannedField> FieldOrder = static (a, b) =>
    {
        var byKind = (int)a.Kind - (int)b.Kind;
        if (byKind != 0)
        {
            return byKind;
        }
        var byKey = string.CompareOrdinal(a.Key, b.Key);
        return byKey != 0 ? byKey : a.Order.CompareTo(b.Order);
    };

    /// <summary>Membership test over the <c>aws.xray.annotations</c> list without allocating.</summary>
    private readonly struct RepeatedFieldList(ArrayValue list)
    {
        public bool Contains(string key)
        {
            foreach (var v in list.Values)
            {
                if (v.ValueCase == AnyValue.ValueOneofCase.StringValue && v.StringValue == key)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
