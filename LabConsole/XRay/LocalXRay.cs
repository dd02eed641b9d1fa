using TracingLab.Contracts.Telemetry;
using TracingLab.AspireTelemetry;
using TracingLab.LabConsole.Intake;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Translation;

namespace TracingLab.LabConsole.XRay;

/// <summary>A trace of the Aspire dashboard as X-Ray would receive it.</summary>
/// <param name="Translations">One per span, in the dashboard's order.</param>
public sealed record LocalXRayTrace(XRayTraceId Id, IReadOnlyList<SpanTranslation> Translations)
{
    public IEnumerable<string> Documents => Translations.Where(t => t.IsAccepted).Select(t => t.Document!);
}

/// <summary>Where a local trace came from: the console's own OTLP intake (types kept) or the Aspire dashboard's API (all strings).</summary>
public enum LocalTraceSource
{
    Intake,
    AspireDashboard,
}

/// <summary>
/// The console's use of the X-Ray library: translating local traces and comparing them with imports. A trace comes
/// from the intake's ring when it holds it, with every attribute as the SDK sent it, else from the Aspire dashboard.
/// </summary>
public sealed class LocalXRay(AspireTelemetryClient telemetry, XRayImportStore imports, TypedTraceStore typed)
{
    /// <summary>What the lab's collectors do: the exporter's defaults with the lab's attributes indexed.</summary>
    public static XRayTranslator Translator { get; } = new();

    /// <summary>For comparisons: the trace-id age check off (<see cref="TraceComparer.Translator"/>).</summary>
    public static XRayTranslator CompareTranslator => TraceComparer.Translator;

    public XRayImportStore Imports => imports;

    /// <summary>The trace translated, or null when neither the intake nor the dashboard holds it.</summary>
    public async Task<LocalXRayTrace?> TranslateAsync(XRayTraceId id, CancellationToken ct)
    {
        var (trace, _) = await GetAsync(id, ct).ConfigureAwait(false);
        return trace is null ? null : Translate(trace);
    }

    /// <summary>The trace from the intake's ring, else from the Aspire dashboard; null when neither holds it.</summary>
    public async Task<(LocalTrace? Trace, LocalTraceSource Source)> GetAsync(XRayTraceId id, CancellationToken ct)
    {
        if (typed.Get(id) is { } held)
        {
            return (held, LocalTraceSource.Intake);
        }

        return (await telemetry.GetTraceAsync(id, ct).ConfigureAwait(false), LocalTraceSource.AspireDashboard);
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
        var (local, _) = await GetAsync(id, ct).ConfigureAwait(false);
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
