using TracingLab.Contracts.Telemetry;
using TracingLab.AspireTelemetry;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Translation;

namespace TracingLab.LabConsole.XRay;

/// <summary>A trace of the Aspire dashboard as X-Ray would receive it.</summary>
/// <param name="Translations">One per span, in the dashboard's order.</param>
public sealed record LocalXRayTrace(XRayTraceId Id, IReadOnlyList<SpanTranslation> Translations)
{
    public IEnumerable<string> Documents => Translations.Where(t => t.IsAccepted).Select(t => t.Document!);
}

/// <summary>The console's use of the X-Ray library: translating the Aspire dashboard's traces and comparing them with imports.</summary>
public sealed class LocalXRay(AspireTelemetryClient telemetry, XRayImportStore imports)
{
    /// <summary>What the lab's collectors do: the exporter's defaults with the lab's attributes indexed.</summary>
    public static XRayTranslator Translator { get; } = new();

    /// <summary>For comparisons: the trace-id age check off (<see cref="TraceComparer.Translator"/>).</summary>
    public static XRayTranslator CompareTranslator => TraceComparer.Translator;

    public XRayImportStore Imports => imports;

    /// <summary>The trace translated, or null when the dashboard holds no such trace.</summary>
    public async Task<LocalXRayTrace?> TranslateAsync(XRayTraceId id, CancellationToken ct)
    {
        var trace = await telemetry.GetTraceAsync(id, ct).ConfigureAwait(false);
        return trace is null ? null : Translate(trace);
    }

    public static LocalXRayTrace Translate(LocalTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return new LocalXRayTrace(trace.Id, Translator.Translate(trace.ResourceSpans));
    }

    /// <summary>The comparison for a trace id, or which side is missing.</summary>
    public async Task<(TraceComparisonReport? Report, string? Missing)> CompareAsync(XRayTraceId id, CompareTolerances? tolerances, CancellationToken ct)
    {
        var imported = imports.Get(id.ToXRay());
        var local = await telemetry.GetTraceAsync(id, ct).ConfigureAwait(false);
        return Compare(id, local, imported, tolerances);
    }

    /// <summary>The comparison of <paramref name="local"/> with <paramref name="imported"/>, or which side is missing.</summary>
    public static (TraceComparisonReport? Report, string? Missing) Compare(
        XRayTraceId id, LocalTrace? local, ImportedXRayTrace? imported, CompareTolerances? tolerances = null)
    {
        if (local is null || imported is null || imported.Trace.Segments.Count == 0)
        {
            var missing = new List<string>();
            if (local is null)
            {
                missing.Add("the Aspire dashboard holds no trace with this id (it may have been evicted, or never arrived)");
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

        return (TraceComparer.Compare(id.ToXRay(), local.ResourceSpans, imported.Trace, CompareTranslator, tolerances), null);
    }
}
