using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>
/// Turns OTLP spans into X-Ray segment documents the way the awsxray exporter of the OpenTelemetry Collector does
/// (see docs/xray.md for every rule and its source). Thread-safe; one instance can serve the whole process.
/// </summary>
public sealed class XRayTranslator
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly FieldPlanner _planner;

    /// <summary>Creates a translator; throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public XRayTranslator(XRayTranslatorOptions? options = null)
    {
        Options = options ?? new XRayTranslatorOptions();
        var errors = Options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid X-Ray translator options: " + string.Join(" ", errors), nameof(options));
        }
        _planner = new FieldPlanner(Options);
    }

    /// <summary>The options in use.</summary>
    public XRayTranslatorOptions Options { get; }

    /// <summary>Translates every span of an OTLP export request, in order.</summary>
    public IReadOnlyList<SpanTranslation> Translate(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Translate(request.ResourceSpans);
    }

    /// <summary>Translates every span of the given resource groups, in order.</summary>
    public IReadOnlyList<SpanTranslation> Translate(IEnumerable<ResourceSpans> resourceSpans)
    {
        ArgumentNullException.ThrowIfNull(resourceSpans);
        var results = new List<SpanTranslation>(resourceSpans is IReadOnlyCollection<ResourceSpans> groups ? SpanCount(groups) : 0);
        foreach (var rs in resourceSpans)
        {
            TranslateInto(rs, results);
        }
        return results;
    }

    private static int SpanCount(IEnumerable<ResourceSpans> groups)
    {
        var count = 0;
        foreach (var rs in groups)
        {
            foreach (var scope in rs.ScopeSpans)
            {
                count += scope.Spans.Count;
            }
        }
        return count;
    }

    /// <summary>Translates the spans of one resource group, appending to <paramref name="results"/>.</summary>
    public void TranslateInto(ResourceSpans resourceSpans, ICollection<SpanTranslation> results)
    {
        ArgumentNullException.ThrowIfNull(resourceSpans);
        ArgumentNullException.ThrowIfNull(results);
        var resource = new ResourceFacts(resourceSpans.Resource);
        var scratch = t_scratch ??= new Scratch();
        var scopes = resourceSpans.ScopeSpans;
        for (var i = 0; i < scopes.Count; i++)
        {
            var spans = scopes[i].Spans;
            for (var j = 0; j < spans.Count; j++)
            {
                TranslateCore(spans[j], resource, scratch, results);
            }
        }
    }

    /// <summary>Translates one span with its resource: one document, or two for a CLIENT, PRODUCER or CONSUMER span
    /// marked <c>aws.span.kind = LOCAL_ROOT</c> (the dependency subsegment, then the service segment). The
    /// instrumentation scope does not reach X-Ray, as in the exporter.</summary>
    public IReadOnlyList<SpanTranslation> TranslateSpan(Span span, Resource? resource)
    {
        ArgumentNullException.ThrowIfNull(span);
        var results = new List<SpanTranslation>(1);
        TranslateCore(span, resource is null ? ResourceFacts.Empty : new ResourceFacts(resource), t_scratch ??= new Scratch(), results);
        return results;
    }

    /// <summary>Translates one span with its resource and returns its own document (id = the span id); for a local
    /// root that gives two documents see <see cref="TranslateSpan"/>.</summary>
    public SpanTranslation Translate(Span span, Resource? resource) => TranslateSpan(span, resource)[0];

    private void TranslateCore(Span span, ResourceFacts resource, Scratch s, ICollection<SpanTranslation> results)
    {
        // The hex ids are text for rejections and for SpanTranslation, which formats them when read: a span that passes
        // the quick checks needs neither string here.
        if (!PassesQuickChecks(span) && Check(span, Hex(span.TraceId), Hex(span.SpanId)) is { } rejection)
        {
            results.Add(rejection);
            return;
        }
        try
        {
            s.Facts.Scan(span, Options.Exporter);
            if (!s.Facts.IsLocalRoot || span.Kind is Span.Types.SpanKind.Server or Span.Types.SpanKind.Internal)
            {
                results.Add(Build(span, resource, s, s.Facts.IsLocalRoot ? LocalRoot.WithoutDependency : LocalRoot.No));
                return;
            }
            // A CLIENT/PRODUCER/CONSUMER local root is two documents: the call as a subsegment of a service segment that
            // stands for the local service (segment.go MakeServiceSegmentAndDependencySubsegment), dependency first.
            results.Add(Build(span, resource, s, LocalRoot.Dependency));
            s.Facts.Scan(span, Options.Exporter);
            results.Add(Build(span, resource, s, LocalRoot.Service));
        }
        catch (ArgumentException ex)
        {
            // Utf8JsonWriter refuses invalid UTF-16 (a lone surrogate); report it instead of throwing.
            results.Add(SpanTranslation.Rejected(Hex(span.TraceId), Hex(span.SpanId), RejectionReason.InvalidText,
                $"span '{span.Name}' holds text that cannot be written as JSON: {ex.Message}"));
        }
    }

    private static string Hex(Google.Protobuf.ByteString id) => Convert.ToHexStringLower(id.Span);

    /// <summary>True when <see cref="Check"/> would find nothing wrong (ids, ages, links), computed without text.</summary>
    private bool PassesQuickChecks(Span span)
    {
        var trace = span.TraceId.Span;
        var id = span.SpanId.Span;
        var parent = span.ParentSpanId.Span;
        if (trace.Length != 16 || trace.IndexOfAnyExcept((byte)0) < 0 || id.Length != 8 || id.IndexOfAnyExcept((byte)0) < 0
            || parent.Length is not (0 or 8))
        {
            return false;
        }
        var now = Options.SkipTimestampValidation ? 0 : Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        if (!Options.SkipTimestampValidation && !InAgeRange(trace, now))
        {
            return false;
        }
        var links = span.Links;
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i].TraceId.Span;
            if (link.Length != 16 || (!Options.SkipTimestampValidation && !InAgeRange(link, now)))
            {
                return false;
            }
        }
        return true;
    }

    private bool InAgeRange(ReadOnlySpan<byte> traceId, long now)
    {
        var age = now - XRayTraceId.EpochSecondsOf(traceId);
        return age <= (long)Options.MaxTraceIdAge.TotalSeconds && -age <= (long)Options.MaxTraceIdSkew.TotalSeconds;
    }

    private SpanTranslation? Check(Span span, string traceHex, string spanHex)
    {
        var traceBytes = span.TraceId.Span;
        var spanBytes = span.SpanId.Span;
        if (traceBytes.Length != 16 || traceBytes.IndexOfAnyExcept((byte)0) < 0)
        {
            return SpanTranslation.Rejected(traceHex, spanHex, RejectionReason.InvalidTraceId,
                $"trace id '{traceHex}' has {traceBytes.Length} bytes; a trace id has 16 bytes, not all zero.");
        }
        if (spanBytes.Length != 8 || spanBytes.IndexOfAnyExcept((byte)0) < 0)
        {
            return SpanTranslation.Rejected(traceHex, spanHex, RejectionReason.InvalidSpanId,
                $"span id '{spanHex}' has {spanBytes.Length} bytes; a span id has 8 bytes, not all zero.");
        }
        var parentBytes = span.ParentSpanId.Span;
        if (parentBytes.Length is not (0 or 8))
        {
            return SpanTranslation.Rejected(traceHex, spanHex, RejectionReason.InvalidSpanId,
                $"parent span id '{Convert.ToHexStringLower(parentBytes)}' has {parentBytes.Length} bytes; allowed: empty (a root span) or 8 bytes.");
        }
        if (!Options.SkipTimestampValidation && CheckAge(traceBytes, traceHex, spanHex) is { } tooOldOrNew)
        {
            return tooOldOrNew;
        }
        // Index loops: foreach over a protobuf RepeatedField allocates an enumerator per span.
        var links = span.Links;
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            // span_links.go converts each link's trace id as the span's own and fails the span when it cannot.
            var linkBytes = link.TraceId.Span;
            if (linkBytes.Length != 16)
            {
                return SpanTranslation.Rejected(traceHex, spanHex, RejectionReason.InvalidTraceId,
                    $"a link's trace id '{Convert.ToHexStringLower(linkBytes)}' has {linkBytes.Length} bytes; a trace id has 16 bytes.");
            }
            if (!Options.SkipTimestampValidation && CheckAge(linkBytes, Convert.ToHexStringLower(linkBytes), spanHex) is { } linkRejected)
            {
                return linkRejected with
                {
                    TraceId = traceHex,
                    Rejection = linkRejected.Rejection! with { Message = "a link's " + linkRejected.Rejection.Message },
                };
            }
        }
        return null;
    }

    private SpanTranslation? CheckAge(ReadOnlySpan<byte> traceBytes, string traceHex, string spanHex)
    {
        var epoch = XRayTraceId.EpochSecondsOf(traceBytes);
        var now = Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        var age = now - epoch;
        if (age > (long)Options.MaxTraceIdAge.TotalSeconds)
        {
            return SpanTranslation.Rejected(traceHex, spanHex, RejectionReason.TraceIdTooOld,
                $"trace id '{traceHex}' starts with epoch {EpochText(epoch)}, {age} s before now; X-Ray accepts at most {(long)Options.MaxTraceIdAge.TotalSeconds} s ({Options.MaxTraceIdAge.TotalDays:0.#} days).");
        }
        if (-age > (long)Options.MaxTraceIdSkew.TotalSeconds)
        {
            return SpanTranslation.Rejected(traceHex, spanHex, RejectionReason.TraceIdInFuture,
                $"trace id '{traceHex}' starts with epoch {EpochText(epoch)}, {-age} s after now; X-Ray accepts at most {(long)Options.MaxTraceIdSkew.TotalSeconds} s of clock skew.");
        }
        return null;
    }

    private static string EpochText(long epoch) =>
        epoch.ToString(CultureInfo.InvariantCulture) + " (" +
        DateTimeOffset.FromUnixTimeSeconds(epoch).ToString("u", CultureInfo.InvariantCulture) + ")";

    private SpanTranslation Build(Span span, ResourceFacts resource, Scratch s, LocalRoot role)
    {
        var facts = s.Facts;
        var parentBytes = span.ParentSpanId.Span;
        var hasParent = parentBytes.Length == 8 && parentBytes.IndexOfAnyExcept((byte)0) >= 0;
        var p = s.Plan;
        var serviceId = role is LocalRoot.Dependency or LocalRoot.Service ? Causes.DerivedId(span.SpanId.Span, 0) : null;
        if (role == LocalRoot.Service)
        {
            facts.RemoveRemoteAttributes();
        }
        // The exporter's MakeSegment: not SERVER and with a parent is a subsegment, which carries no resource metadata.
        var storeResource = span.Kind == Span.Types.SpanKind.Server || !(hasParent || role == LocalRoot.Dependency);
        p.IsSubsegment = role == LocalRoot.Dependency || (role == LocalRoot.No && !storeResource);
        if (role == LocalRoot.Service)
        {
            Encoding.ASCII.GetBytes(serviceId!, p.Id);
        }
        else
        {
            Convert.TryToHexStringLower(span.SpanId.Span, p.Id, out _);
        }
        XRayTraceId.WriteXRayUtf8(span.TraceId.Span, p.TraceId);
        p.HasParentId = role == LocalRoot.Dependency || hasParent;
        if (role == LocalRoot.Dependency)
        {
            Encoding.ASCII.GetBytes(serviceId!, p.ParentId);
        }
        else if (hasParent)
        {
            Convert.TryToHexStringLower(parentBytes, p.ParentId, out _);
        }
        p.StartTime = span.StartTimeUnixNano / 1e9;
        p.EndTime = span.EndTimeUnixNano / 1e9;
        p.Origin = resource.Origin;
        p.ConfigLogGroups = Options.Exporter.AwsLogGroups;
        p.User = facts.User;
        p.Links = SpanLinks.Keep(role, span.Kind) ? span.Links : null;
        Rules.Http(span, facts, p);
        p.Exceptions = Causes.Build(span, facts, resource);
        Rules.StatusFlags(span, facts, p);
        Rules.NameAndNamespace(span, facts, resource, p);
        Sql.Plan(span, facts, p);
        p.WithoutAwsCallFields = false;
        LocalRoots.Adjust(role, span, facts, p);

        var notes = s.Notes;
        notes.Clear();
        _planner.Plan(span, facts, resource, storeResource, onlyResourceMetadata: role == LocalRoot.Service, p.ConfigLogGroups, s.Fields, notes);
        var json = Serialize(s, p, facts, resource);
        if (json.Length > Options.MaxDocumentBytes)
        {
            // Trimming drops entries one by one: plan the resource's metadata as separate entries.
            notes.Clear();
            _planner.Plan(span, facts, resource, storeResource, onlyResourceMetadata: role == LocalRoot.Service, p.ConfigLogGroups, s.Fields, notes, asRun: false);
            json = Trim(s, p, facts, resource, json.Length, notes);
            if (json.Length > Options.MaxDocumentBytes)
            {
                return SpanTranslation.Rejected(Hex(span.TraceId), Hex(span.SpanId), RejectionReason.DocumentTooLarge,
                    $"span '{span.Name}' gives a {json.Length}-byte document even without metadata and annotations; X-Ray accepts at most {Options.MaxDocumentBytes} bytes.");
            }
        }
        // Kept as the UTF-8 X-Ray receives; SpanTranslation.Document decodes it when a caller wants a string.
        return SpanTranslation.Accepted(span.TraceId.Span, span.SpanId.Span, json.ToArray(), notes.Count == 0 ? [] : [.. notes]);
    }

    /// <summary>Drops metadata entries (largest first), then annotations, until the document fits; each drop is reported.</summary>
    private ReadOnlySpan<byte> Trim(Scratch s, SegmentPlan p, SpanFacts f, ResourceFacts r, int size, List<string> notes)
    {
        foreach (var pass in new[] { false, true })
        {
            var candidates = Enumerable.Range(0, s.Fields.Count)
                .Where(i => !s.Fields[i].Dropped && (s.Fields[i].Kind == FieldKind.Annotation) == pass)
                .OrderByDescending(i => s.Fields[i].Estimate)
                .ToList();
            var next = 0;
            while (size > Options.MaxDocumentBytes && next < candidates.Count)
            {
                var excess = size - Options.MaxDocumentBytes;
                var saved = 0;
                while (saved < excess && next < candidates.Count)
                {
                    var i = candidates[next++];
                    var field = s.Fields[i];
                    field.Dropped = true;
                    s.Fields[i] = field;
                    saved += field.Estimate;
                    notes.Add($"{(pass ? "annotation" : "metadata")} '{field.Key}' (about {field.Estimate} bytes) dropped to keep the document within {Options.MaxDocumentBytes} bytes");
                }
                size = Serialize(s, p, f, r).Length;
            }
            if (size <= Options.MaxDocumentBytes)
            {
                break;
            }
        }
        return s.Buffer.WrittenSpan;
    }

    private static ReadOnlySpan<byte> Serialize(Scratch s, SegmentPlan p, SpanFacts f, ResourceFacts r)
    {
        s.Buffer.ResetWrittenCount();
        s.Writer.Reset(s.Buffer);
        SegmentWriter.Write(s.Writer, p, f, r, s.Fields);
        return s.Buffer.WrittenSpan;
    }

    /// <summary>Per-thread buffers so translating allocates little more than the resulting strings.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives as long as its thread; the writer wraps a managed buffer and holds nothing to release.")]
    private sealed class Scratch
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(8192);
        public readonly Utf8JsonWriter Writer;
        public readonly SpanFacts Facts = new();
        public readonly SegmentPlan Plan = new();
        public readonly List<PlannedField> Fields = [];
        public readonly List<string> Notes = [];

        public Scratch()
        {
            Writer = new Utf8JsonWriter(Buffer, SegmentWriter.WriterOptions);
        }
    }
}
