using System.Globalization;
using System.Text.Json;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Import;
using TracingLab.XRay.Translation;
using TracingLab.Contracts.Text;

namespace TracingLab.XRay.Compare;

/// <summary>
/// Compares a local trace (translated as X-Ray would receive it) with the segments X-Ray returned for the same
/// trace id: matches segments to spans, then reports missing and extra segments, name, namespace, flag, annotation
/// and timing differences with the clock offset between the two sources removed.
/// </summary>
public static class TraceComparer
{
    /// <summary>Translates the local spans of <paramref name="traceId"/> and compares them with the import.</summary>
    /// <param name="traceId">Either form (X-Ray or 32 hex).</param>
    public static TraceComparisonReport Compare(string traceId, IEnumerable<ResourceSpans> localSpans, XRayTrace xray,
        XRayTranslator translator, CompareTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(localSpans);
        ArgumentNullException.ThrowIfNull(translator);
        ArgumentNullException.ThrowIfNull(xray);
        var otel = XRayTraceId.TryParseForm(traceId, out var parsed) ? parsed.ToHex() : throw new ArgumentException($"'{traceId}' is not a trace id; give 32 hex digits or 1-{{8 hex}}-{{24 hex}}.", nameof(traceId));
        var translations = translator.Translate(localSpans).Where(t => t.TraceId == otel);
        // Span imports (list-retrieved-traces OTEL, aws/spans records) go through the same translator as the local
        // spans, so both sides meet the same rules and only what AWS stored differently shows as a difference.
        if (xray.Spans is not { } spans)
        {
            return Compare(traceId, translations, xray, tolerances);
        }
        var report = Compare(traceId, translations, xray with { Segments = Segments(translator.Translate(spans)) }, tolerances);
        // Segments only carry what the exporter rules keep; the stored spans also show whether each attribute kept
        // its type (an int stored as a string, an array flattened).
        var attributes = AttributeDifferences(otel!, localSpans, spans);
        return attributes.Count == 0 ? report : report with
        {
            Differences = [.. report.Differences, .. attributes],
            Passed = report.Passed && attributes.TrueForAll(d => !d.ExceedsTolerance),
        };
    }

    private static List<ComparisonDifference> AttributeDifferences(string otelTraceId, IEnumerable<ResourceSpans> local, IEnumerable<ResourceSpans> stored)
    {
        static IEnumerable<Span> Of(string traceId, IEnumerable<ResourceSpans> groups) => groups
            .SelectMany(rs => rs.ScopeSpans).SelectMany(ss => ss.Spans)
            .Where(s => Convert.ToHexStringLower(s.TraceId.Span) == traceId);
        var storedById = new Dictionary<string, Span>(StringComparer.Ordinal);
        foreach (var s in Of(otelTraceId, stored))
        {
            storedById.TryAdd(Convert.ToHexStringLower(s.SpanId.Span), s);
        }
        var result = new List<ComparisonDifference>();
        foreach (var l in Of(otelTraceId, local))
        {
            var id = Convert.ToHexStringLower(l.SpanId.Span);
            if (!storedById.TryGetValue(id, out var x))
            {
                continue;
            }
            var sent = Last(l.Attributes);
            var kept = Last(x.Attributes);
            void Add(DifferenceKind kind, string detail, string? localValue, string? storedValue, bool exceeds = true) =>
                result.Add(new ComparisonDifference(kind, id, id, l.Name, detail, localValue, storedValue, exceeds));
            foreach (var (key, value) in sent.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (!kept.TryGetValue(key, out var other))
                {
                    Add(DifferenceKind.AttributeMissing, $"span '{l.Name}' attribute {key}={Show(value)} is missing in AWS", Show(value), null);
                }
                else if (!value.Equals(other))
                {
                    Add(DifferenceKind.AttributeValue, $"span '{l.Name}' attribute {key} is {Show(value)} locally, {Show(other)} in AWS", Show(value), Show(other));
                }
            }
            // A collector processor may add attributes on the way; reported, not counted as a failure.
            foreach (var (key, value) in kept.Where(a => !sent.ContainsKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                Add(DifferenceKind.AttributeExtra, $"span '{l.Name}' has attribute {key}={Show(value)} only in AWS", null, Show(value), exceeds: false);
            }
        }
        return result;
    }

    private static Dictionary<string, AnyValue> Last(IEnumerable<KeyValue> attributes)
    {
        var result = new Dictionary<string, AnyValue>(StringComparer.Ordinal);
        foreach (var kv in attributes)
        {
            result[kv.Key] = kv.Value ?? new AnyValue();
        }
        return result;
    }

    /// <summary>The value with its OTLP type, e.g. <c>int 200</c>, <c>string "200"</c>, <c>array ["a"]</c>, <c>empty</c>.</summary>
    private static string Show(AnyValue value)
    {
        var text = value.ValueCase switch
        {
            AnyValue.ValueOneofCase.None => "empty",
            AnyValue.ValueOneofCase.StringValue => "string \"" + value.StringValue + "\"",
            AnyValue.ValueOneofCase.IntValue => "int " + value.IntValue.ToString(CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.DoubleValue => "double " + value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.BoolValue => "bool " + (value.BoolValue ? "true" : "false"),
            AnyValue.ValueOneofCase.BytesValue => "bytes " + Convert.ToBase64String(value.BytesValue.Span),
            AnyValue.ValueOneofCase.ArrayValue => "array " + OtlpJson.Format(value.ArrayValue),
            _ => "kvlist " + OtlpJson.Format(value.KvlistValue),
        };
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    private static List<XRaySegment> Segments(IEnumerable<SpanTranslation> translations)
    {
        var segments = new List<XRaySegment>();
        foreach (var t in translations)
        {
            if (t.IsAccepted && SegmentDocumentParser.TryParse(t.Document, out var segment, out _))
            {
                segments.Add(segment!);
            }
        }
        return segments;
    }

    /// <summary>Compares already translated local spans with the import.</summary>
    public static TraceComparisonReport Compare(string traceId, IEnumerable<SpanTranslation> local, XRayTrace xray, CompareTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(xray);
        var segments = new List<XRaySegment>();
        var rejections = new List<string>();
        foreach (var t in local)
        {
            if (!t.IsAccepted)
            {
                rejections.Add($"span {t.SpanId}: {t.Rejection.Reason}: {t.Rejection.Message}");
            }
            else if (SegmentDocumentParser.TryParse(t.Document, out var segment, out var error))
            {
                segments.Add(segment!);
            }
            else
            {
                rejections.Add($"span {t.SpanId}: translated document unreadable: {error!.Message}");
            }
        }
        return Compare(traceId, segments, xray.Segments, tolerances) with { LocalRejections = rejections };
    }

    /// <summary>Compares two sets of segment documents (each may embed subsegments).</summary>
    public static TraceComparisonReport Compare(string traceId, IReadOnlyList<XRaySegment> local, IReadOnlyList<XRaySegment> xray, CompareTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(xray);
        var tol = tolerances ?? new CompareTolerances();
        if (tol.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException("Invalid compare tolerances: " + string.Join(" ", errors), nameof(tolerances));
        }

        var localNodes = Flatten(local);
        var xrayAll = Flatten(xray);
        var xrayNodes = xrayAll.Where(n => !n.Segment.Inferred).ToList();
        var pairs = Match(localNodes, xrayNodes);
        var (offset, basis) = EstimateOffset(pairs);

        var matches = new List<SegmentMatch>();
        var differences = new List<ComparisonDifference>();
        foreach (var (l, x, method) in pairs)
        {
            var startDelta = ((x.Segment.StartTime - l.Segment.StartTime) * 1000) - offset;
            var durationDelta = x.Segment.DurationMs - l.Segment.DurationMs;
            matches.Add(new SegmentMatch(l.Segment.Id, x.Segment.Id, l.Segment.Name, l.IsSubsegment, method, Round(startDelta), durationDelta is { } d ? Round(d) : null));
            Diff(l, x, startDelta, durationDelta, tol, differences);
        }
        var matchedLocal = pairs.Select(p => p.Local).ToHashSet();
        var matchedXRay = pairs.Select(p => p.XRay).ToHashSet();
        foreach (var l in localNodes.Where(n => !matchedLocal.Contains(n)))
        {
            differences.Add(new ComparisonDifference(DifferenceKind.MissingInXRay, l.Segment.Id, null, l.Segment.Name,
                $"{Kind(l)} '{l.Segment.Name}' ({l.Segment.Id}) is not in the X-Ray trace", l.Segment.Id, null, !tol.AllowMissingSegments));
        }
        foreach (var x in xrayNodes.Where(n => !matchedXRay.Contains(n)))
        {
            differences.Add(new ComparisonDifference(DifferenceKind.ExtraInXRay, null, x.Segment.Id, x.Segment.Name,
                $"X-Ray has {Kind(x)} '{x.Segment.Name}' ({x.Segment.Id}) that the local trace lacks", null, x.Segment.Id, !tol.AllowExtraSegments));
        }

        return new TraceComparisonReport
        {
            TraceId = XRayTraceId.Normalize(traceId) ?? traceId,
            Passed = differences.TrueForAll(d => !d.ExceedsTolerance),
            ClockOffsetMs = Round(offset),
            ClockOffsetBasis = basis,
            LocalSegmentCount = localNodes.Count,
            XRaySegmentCount = xrayNodes.Count,
            InferredSegmentsIgnored = xrayAll.Count - xrayNodes.Count,
            Matches = matches,
            Differences = differences,
            Tolerances = tol,
        };
    }

    private sealed record Node(XRaySegment Segment, string? ParentId, bool IsSubsegment, int Depth);

    private static List<Node> Flatten(IReadOnlyList<XRaySegment> roots)
    {
        var result = new List<Node>();
        void Visit(XRaySegment s, string? enclosing, int depth)
        {
            result.Add(new Node(s, enclosing ?? s.ParentId, s.IsSubsegment || enclosing is not null, depth));
            foreach (var sub in s.Subsegments)
            {
                Visit(sub, s.Id, depth + 1);
            }
        }
        foreach (var r in roots)
        {
            Visit(r, null, 0);
        }
        return result;
    }

    private static List<(Node Local, Node XRay, MatchMethod Method)> Match(List<Node> local, List<Node> xray)
    {
        var pairs = new List<(Node, Node, MatchMethod)>();
        var xrayById = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
        foreach (var x in xray)
        {
            xrayById.TryAdd(x.Segment.Id, x);
        }
        var localToXRayId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var taken = new HashSet<Node>();
        var pending = new List<Node>();
        foreach (var l in local)
        {
            if (xrayById.TryGetValue(l.Segment.Id, out var x) && taken.Add(x))
            {
                pairs.Add((l, x, MatchMethod.Id));
                localToXRayId[l.Segment.Id] = x.Segment.Id;
            }
            else
            {
                pending.Add(l);
            }
        }

        // Then by name under the matched parent; parents first, so each round can unlock their children.
        bool progress;
        do
        {
            progress = false;
            foreach (var l in pending.OrderBy(n => n.Depth).ThenBy(n => n.Segment.StartTime).ToList())
            {
                string? xrayParent = null;
                if (l.ParentId is not null && !localToXRayId.TryGetValue(l.ParentId, out xrayParent))
                {
                    // The parent is not matched (yet): only a parent outside the local trace (a remote caller) may
                    // be kept as is.
                    if (local.Exists(n => string.Equals(n.Segment.Id, l.ParentId, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }
                    xrayParent = l.ParentId;
                }
                var candidate = xray
                    .Where(x => !taken.Contains(x) && x.Segment.Name == l.Segment.Name
                        && string.Equals(x.ParentId, xrayParent, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(x => Math.Abs(x.Segment.StartTime - l.Segment.StartTime))
                    .FirstOrDefault();
                if (candidate is null)
                {
                    continue;
                }
                taken.Add(candidate);
                pairs.Add((l, candidate, MatchMethod.NameAndParent));
                localToXRayId[l.Segment.Id] = candidate.Segment.Id;
                pending.Remove(l);
                progress = true;
            }
        }
        while (progress);
        return pairs;
    }

    /// <summary>The median start difference of matched segments (not subsegments): each service's segment is
    /// stamped by its own host clock, so that is where an offset between the two sources shows. Falls back to all
    /// matched entries when no segment matched.</summary>
    private static (double OffsetMs, string Basis) EstimateOffset(List<(Node Local, Node XRay, MatchMethod Method)> pairs)
    {
        var roots = pairs.Where(p => !p.Local.IsSubsegment).ToList();
        var basis = roots.Count > 0 ? roots : pairs;
        if (basis.Count == 0)
        {
            return (0, "no matched segments; no offset removed");
        }
        var deltas = basis.Select(p => (p.XRay.Segment.StartTime - p.Local.Segment.StartTime) * 1000).Order().ToList();
        var mid = deltas.Count / 2;
        var median = deltas.Count % 2 == 1 ? deltas[mid] : (deltas[mid - 1] + deltas[mid]) / 2;
        var what = roots.Count > 0 ? "segment" : "entry";
        return (median, $"median start difference of {basis.Count} matched {what}{(basis.Count == 1 ? "" : "s")}");
    }

    private static void Diff(Node l, Node x, double startDelta, double? durationDelta, CompareTolerances tol, List<ComparisonDifference> into)
    {
        var ls = l.Segment;
        var xs = x.Segment;
        void Add(DifferenceKind kind, string detail, string? local, string? xray, bool exceeds = true) =>
            into.Add(new ComparisonDifference(kind, ls.Id, xs.Id, ls.Name, detail, local, xray, exceeds));

        if (ls.Name != xs.Name)
        {
            Add(DifferenceKind.Name, $"'{ls.Name}' is named '{xs.Name}' in X-Ray", ls.Name, xs.Name);
        }
        if (ls.Namespace != xs.Namespace)
        {
            Add(DifferenceKind.Namespace, $"'{ls.Name}' has namespace {Show(ls.Namespace)} locally, {Show(xs.Namespace)} in X-Ray", ls.Namespace, xs.Namespace);
        }
        Flag(DifferenceKind.Error, "error", ls.Error, xs.Error);
        Flag(DifferenceKind.Fault, "fault", ls.Fault, xs.Fault);
        Flag(DifferenceKind.Throttle, "throttle", ls.Throttle, xs.Throttle);
        if (tol.CompareAnnotations)
        {
            Annotations(ls, xs, tol, Add);
        }
        if (Math.Abs(startDelta) > tol.MaxTimingDeltaMs)
        {
            Add(DifferenceKind.StartTime, $"'{ls.Name}' starts {Ms(startDelta)} ms {(startDelta > 0 ? "later" : "earlier")} in X-Ray after removing the clock offset (tolerance {Ms(tol.MaxTimingDeltaMs)} ms)",
                Ms(ls.StartTime * 1000), Ms(xs.StartTime * 1000));
        }
        if (durationDelta is { } dd && Math.Abs(dd) > tol.MaxTimingDeltaMs)
        {
            Add(DifferenceKind.Duration, $"'{ls.Name}' lasts {Ms(xs.DurationMs!.Value)} ms in X-Ray, {Ms(ls.DurationMs!.Value)} ms locally (tolerance {Ms(tol.MaxTimingDeltaMs)} ms)",
                Ms(ls.DurationMs!.Value), Ms(xs.DurationMs!.Value));
        }

        void Flag(DifferenceKind kind, string name, bool local, bool xray)
        {
            if (local != xray)
            {
                Add(kind, $"'{ls.Name}' has {name}={Bool(local)} locally, {name}={Bool(xray)} in X-Ray", Bool(local), Bool(xray));
            }
        }
    }

    private static void Annotations(XRaySegment ls, XRaySegment xs, CompareTolerances tol, Action<DifferenceKind, string, string?, string?, bool> add)
    {
        string Key(string k) => tol.DotsMatchUnderscoresInAnnotationKeys ? k.Replace('.', '_') : k;
        var ignored = tol.IgnoredAnnotationKeys.Select(Key).ToHashSet(StringComparer.Ordinal);
        var local = ls.Annotations.Where(a => !ignored.Contains(Key(a.Key))).ToDictionary(a => Key(a.Key), a => a.Value, StringComparer.Ordinal);
        var xray = xs.Annotations.Where(a => !ignored.Contains(Key(a.Key))).ToDictionary(a => Key(a.Key), a => a.Value, StringComparer.Ordinal);
        foreach (var (key, value) in local.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!xray.TryGetValue(key, out var other))
            {
                add(DifferenceKind.AnnotationMissing, $"'{ls.Name}' annotation {key}={value.GetRawText()} is missing in X-Ray", value.GetRawText(), null, true);
            }
            else if (!SameValue(value, other))
            {
                add(DifferenceKind.AnnotationValue, $"'{ls.Name}' annotation {key} is {value.GetRawText()} locally, {other.GetRawText()} in X-Ray", value.GetRawText(), other.GetRawText(), true);
            }
        }
        foreach (var (key, value) in xray.Where(a => !local.ContainsKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            add(DifferenceKind.AnnotationExtra, $"'{ls.Name}' has annotation {key}={value.GetRawText()} only in X-Ray", null, value.GetRawText(), true);
        }
    }

    private static bool SameValue(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.String, JsonValueKind.String) => a.GetString() == b.GetString(),
        (JsonValueKind.Number, JsonValueKind.Number) => a.GetDouble() == b.GetDouble(),
        (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) => a.ValueKind == b.ValueKind,
        _ => false,
    };

    private static string Kind(Node n) => n.IsSubsegment ? "subsegment" : "segment";

    private static string Show(string? value) => Quoted.Value(value);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 3);
}
