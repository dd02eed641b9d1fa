using Microsoft.Extensions.Options;
using TracingLab.Contracts.Telemetry;
using TracingLab.LabConsole.Hosting;
using TracingLab.AspireTelemetry;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.LabConsole.Intake;

/// <summary>
/// The traces the OTLP intake received, as the SDKs sent them (attribute types kept): a ring of the
/// <see cref="TypedTraceOptions.Capacity"/> most recent traces, the oldest (by first span received) evicted first.
/// </summary>
public sealed class TypedTraceStore(IOptions<LabConsoleOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<XRayTraceId, Entry> _traces = [];
    private readonly LinkedList<XRayTraceId> _order = new();
    private readonly int _capacity = options.Value.TypedTraces.Capacity;
    private readonly int _maxSpans = options.Value.TypedTraces.MaxSpansPerTrace;

    /// <summary>Traces held now.</summary>
    public int Count { get { lock (_lock) { return _traces.Count; } } }

    /// <summary>Traces evicted to keep within the capacity, since start.</summary>
    public long Evicted { get; private set; }

    /// <summary>Spans not kept because their trace already held <see cref="TypedTraceOptions.MaxSpansPerTrace"/>.</summary>
    public long DroppedSpans { get; private set; }

    public void Add(IEnumerable<ResourceSpans> resourceSpans)
    {
        var groups = TraceSplitter.Group(resourceSpans);
        lock (_lock)
        {
            foreach (var (id, parts) in groups)
            {
                if (!_traces.TryGetValue(id, out var entry))
                {
                    entry = new Entry();
                    _order.AddLast(id);
                    _traces[id] = entry;
                    while (_traces.Count > _capacity)
                    {
                        _traces.Remove(_order.First!.Value);
                        _order.RemoveFirst();
                        Evicted++;
                    }
                }

                foreach (var part in parts)
                {
                    var spans = part.ScopeSpans[0].Spans;
                    var room = _maxSpans - entry.SpanCount;
                    if (spans.Count > room)
                    {
                        DroppedSpans += spans.Count - Math.Max(room, 0);
                        if (room <= 0)
                        {
                            continue;
                        }

                        var kept = new ScopeSpans { Scope = part.ScopeSpans[0].Scope, SchemaUrl = part.ScopeSpans[0].SchemaUrl };
                        kept.Spans.AddRange(spans.Take(room));
                        part.ScopeSpans.Clear();
                        part.ScopeSpans.Add(kept);
                    }

                    entry.SpanCount += part.ScopeSpans[0].Spans.Count;
                    entry.Parts.Add(part);
                }
            }
        }
    }

    /// <summary>The trace as received so far, or null when the ring does not hold it.</summary>
    public LocalTrace? Get(XRayTraceId id)
    {
        lock (_lock)
        {
            return _traces.TryGetValue(id, out var entry) ? new LocalTrace(id, [.. entry.Parts]) : null;
        }
    }

    private sealed class Entry
    {
        public List<ResourceSpans> Parts { get; } = [];

        public int SpanCount { get; set; }
    }
}
