using TracingLab.Contracts.Telemetry;
using TracingLab.XRay.Import;

namespace TracingLab.LabConsole.XRay;

/// <summary>An imported X-Ray trace and where it came from.</summary>
/// <param name="Source">The file name or "api" for POST /api/xray/import.</param>
public sealed record ImportedXRayTrace(XRayTrace Trace, XRayTraceSummary? Summary, string Source, DateTimeOffset ImportedAt)
{
    /// <summary>Shown next to imported traces so they are never mistaken for local telemetry.</summary>
    public const string Origin = "X-Ray import";

    /// <summary>Which CLI output the trace was read from (<see cref="XRayImporter.Label"/> names it).</summary>
    public XRayImportFormat Format { get; init; } = XRayImportFormat.BatchGetTraces;
}

/// <summary>
/// The "X-Ray import" store: traces read from any form <see cref="XRayImportParser"/> reads (batch-get-traces,
/// list-retrieved-traces XRAY or OTEL, <c>aws/spans</c> log events or Insights results) and summaries from
/// <c>get-trace-summaries</c>, in memory, keyed by X-Ray trace id. Imports are all or nothing: the parser refuses a
/// bad body before anything reaches here, so a failed import never touches what is stored.
/// </summary>
public sealed class XRayImportStore(TimeProvider time)
{
    /// <summary>Bound on stored traces; an import that would pass it is refused whole rather than evicting.</summary>
    public const int MaxTraces = 10_000;

    private readonly Dictionary<string, ImportedXRayTrace> _traces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XRayTraceSummary> _summaries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Raised after an import changed the store.</summary>
    public event Action? Changed;

    /// <summary>Adds the import's traces (replacing same-id traces) and summaries; null, or the reason it was refused.</summary>
    public string? Add(XRayImport import, string source)
    {
        ArgumentNullException.ThrowIfNull(import);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var newIds = import.Traces.Select(t => Key(t.Id)).Concat(import.Summaries.Select(s => Key(s.Id)))
                .Where(id => !_traces.ContainsKey(id)).Distinct(StringComparer.Ordinal).Count();
            if (_traces.Count + newIds > MaxTraces)
            {
                return $"the import holds {newIds} new trace ids; the X-Ray import store holds {_traces.Count} of at most {MaxTraces}";
            }

            foreach (var summary in import.Summaries)
            {
                _summaries[Key(summary.Id)] = summary;
            }

            foreach (var trace in import.Traces)
            {
                var key = Key(trace.Id);
                _traces[key] = new ImportedXRayTrace(trace, _summaries.GetValueOrDefault(key), source, now) { Format = import.Format };
            }

            // A summary alone (get-trace-summaries) is listed as a trace without segments until its segments arrive.
            foreach (var summary in import.Summaries)
            {
                var key = Key(summary.Id);
                _traces[key] = _traces.TryGetValue(key, out var existing)
                    ? existing with { Summary = summary }
                    : new ImportedXRayTrace(new XRayTrace(key, summary.Duration, false, []), summary, source, now);
            }
        }

        Changed?.Invoke();
        return null;
    }

    /// <summary>The trace with this id in either form (X-Ray or 32 hex), or null.</summary>
    public ImportedXRayTrace? Get(string traceId)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        var key = XRayTraceId.Normalize(traceId);
        lock (_lock)
        {
            return key is not null && _traces.TryGetValue(key, out var trace) ? trace : null;
        }
    }

    /// <summary>Every stored trace, newest import first.</summary>
    public IReadOnlyList<ImportedXRayTrace> List()
    {
        lock (_lock)
        {
            return [.. _traces.Values.OrderByDescending(t => t.ImportedAt).ThenBy(t => t.Trace.Id, StringComparer.Ordinal)];
        }
    }

    private static string Key(string id) => XRayTraceId.Normalize(id) ?? id;
}
