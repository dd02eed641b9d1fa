using TracingLab.Dashboard.Otlp;
using TracingLab.Dashboard.Store;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Translation;

namespace TracingLab.Dashboard.XRay;

/// <summary>A stored trace as X-Ray would receive it.</summary>
/// <param name="Translations">One per span, in store order.</param>
public sealed record LocalXRayTrace(TraceId Id, IReadOnlyList<SpanTranslation> Translations)
{
    public IEnumerable<string> Documents => Translations.Where(t => t.IsAccepted).Select(t => t.Document!);
}

/// <summary>The dashboard's use of the X-Ray library: translating stored traces and comparing them with imports.</summary>
public sealed class LocalXRay(TelemetryStore store, XRayImportStore imports)
{
    /// <summary>What the lab's collectors do: the exporter's defaults with the lab's attributes indexed.</summary>
    public XRayTranslator Translator { get; } = new();

    /// <summary>
    /// For comparisons the trace-id age check is off: it is about the moment spans are sent, and a run compared days
    /// later would otherwise lose every span to "too old" although X-Ray accepted them at the time.
    /// </summary>
    public static XRayTranslator CompareTranslator { get; } = new(new XRayTranslatorOptions { SkipTimestampValidation = true });

    public XRayImportStore Imports => imports;

    /// <summary>The stored trace translated, or null when no such trace is stored.</summary>
    public LocalXRayTrace? Translate(TraceId id) => Translate(store, id);

    /// <summary>The trace translated from <paramref name="from"/> (a page may look at another run than the live store).</summary>
    public LocalXRayTrace? Translate(TelemetryStore from, TraceId id)
    {
        ArgumentNullException.ThrowIfNull(from);
        var trace = from.GetTrace(id);
        return trace is null ? null : new LocalXRayTrace(id, Translator.Translate(OtlpExport.ToResourceSpans(trace.Spans)));
    }

    /// <summary>The comparison for a trace id, or which side is missing.</summary>
    public (TraceComparisonReport? Report, string? Missing) Compare(TraceId id, CompareTolerances? tolerances = null) =>
        Compare(store, id, tolerances);

    /// <summary>The comparison with the local side read from <paramref name="from"/>.</summary>
    public (TraceComparisonReport? Report, string? Missing) Compare(TelemetryStore from, TraceId id, CompareTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        var local = from.GetTrace(id);
        var imported = imports.Get(id.ToXRay());
        if (local is null || imported is null || imported.Trace.Segments.Count == 0)
        {
            var missing = new List<string>();
            if (local is null)
            {
                missing.Add("no local trace with this id is stored (it may have been evicted, or never arrived)");
            }

            if (imported is null)
            {
                missing.Add("no X-Ray import holds this trace id (POST /api/xray/import the batch-get-traces output)");
            }
            else if (imported.Trace.Segments.Count == 0)
            {
                missing.Add("the X-Ray import holds only a summary of this trace, no segments (import batch-get-traces output)");
            }

            return (null, $"trace {id.ToXRay()} cannot be compared: {string.Join("; ", missing)}");
        }

        var report = TraceComparer.Compare(id.ToXRay(), OtlpExport.ToResourceSpans(local.Spans), imported.Trace, CompareTranslator, tolerances);
        return (report, null);
    }
}
