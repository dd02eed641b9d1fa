using Google.Protobuf;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;

namespace TracingLab.Dashboard.Store;

/// <summary>
/// Reads an ExportTraceServiceRequest straight from protobuf bytes into compact <see cref="SpanRecord"/>s, without
/// building the intermediate protobuf objects: strings are interned from their UTF-8 bytes (no allocation when
/// already interned), ids go straight into integers. Resources and scopes, one per group, go through Google.Protobuf.
/// Field numbers follow opentelemetry/proto/trace/v1/trace.proto.
/// </summary>
internal static class SpanWireReader
{
    [ThreadStatic]
    private static List<Attr>? t_attrs;

    public static List<SpanRecord> Read(ReadOnlySpan<byte> request, RecordFactory factory, Interner interner, out int rejected, out string? error)
    {
        var spans = new List<SpanRecord>();
        var state = new State(spans, factory, interner);
        var reader = new WireReader(request);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1 && wireType == 2)
            {
                ReadResourceSpans(reader.ReadBytes(), ref state);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        rejected = state.Rejected;
        error = state.Error;
        return spans;
    }

    private ref struct State(List<SpanRecord> spans, RecordFactory factory, Interner interner)
    {
        public readonly List<SpanRecord> Spans = spans;
        public readonly RecordFactory Factory = factory;
        public readonly Interner Interner = interner;
        public int Rejected;
        public string? Error;
    }

    private static void ReadResourceSpans(ReadOnlySpan<byte> data, ref State state)
    {
        // The resource may follow its scope spans on the wire, so find it first.
        var resourceBytes = ReadOnlySpan<byte>.Empty;
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1 && wireType == 2)
            {
                resourceBytes = reader.ReadBytes();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        var resource = state.Factory.Resource(Parse(Resource.Parser, resourceBytes));
        reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 2 && wireType == 2)
            {
                ReadScopeSpans(reader.ReadBytes(), resource, ref state);
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> data, ResourceInfo resource, ref State state)
    {
        var scopeBytes = ReadOnlySpan<byte>.Empty;
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1 && wireType == 2)
            {
                scopeBytes = reader.ReadBytes();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        var scope = state.Factory.Scope(Parse(InstrumentationScope.Parser, scopeBytes));
        reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 2 && wireType == 2)
            {
                ReadSpan(reader.ReadBytes(), resource, scope, ref state);
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    private static void ReadSpan(ReadOnlySpan<byte> data, ResourceInfo resource, ScopeInfo scope, ref State state)
    {
        ReadOnlySpan<byte> traceId = default, spanId = default, parentId = default;
        string name = string.Empty;
        string? traceState = null, statusMessage = null;
        ulong start = 0, end = 0, kind = 0, statusCode = 0;
        uint flags = 0;
        var attrs = t_attrs ??= new List<Attr>(16);
        attrs.Clear();
        List<SpanEventRecord>? events = null;
        List<SpanLinkRecord>? links = null;
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (1, 2): traceId = reader.ReadBytes(); break;
                case (2, 2): spanId = reader.ReadBytes(); break;
                case (3, 2): traceState = NullIfEmpty(System.Text.Encoding.UTF8.GetString(reader.ReadBytes())); break;
                case (4, 2): parentId = reader.ReadBytes(); break;
                case (5, 2): name = state.Interner.Intern(reader.ReadBytes()); break;
                case (6, 0): kind = reader.ReadVarint(); break;
                case (7, 1): start = reader.ReadFixed64(); break;
                case (8, 1): end = reader.ReadFixed64(); break;
                case (9, 2): attrs.Add(ReadKeyValue(reader.ReadBytes(), state.Interner)); break;
                case (11, 2): (events ??= []).Add(ReadEvent(reader.ReadBytes(), state.Interner)); break;
                case (13, 2): ReadLink(reader.ReadBytes(), state.Interner, ref links); break;
                case (15, 2): ReadStatus(reader.ReadBytes(), ref statusMessage, ref statusCode); break;
                case (16, 5): flags = reader.ReadFixed32(); break;
                default: reader.Skip(wireType); break;
            }
        }

        if (!TraceId.TryFromBytes(traceId, out var trace))
        {
            Reject(ref state, $"span '{Shorten(name)}' has trace id of {traceId.Length} bytes; expected 16 bytes, not all zero");
            return;
        }

        if (!SpanIds.TryFromBytes(spanId, out var id))
        {
            Reject(ref state, $"span '{Shorten(name)}' has span id of {spanId.Length} bytes; expected 8 bytes, not all zero");
            return;
        }

        var parent = 0UL;
        if (!parentId.IsEmpty && !SpanIds.TryFromBytes(parentId, out parent))
        {
            Reject(ref state, $"span '{Shorten(name)}' has parent span id of {parentId.Length} bytes; expected empty or 8 bytes");
            return;
        }

        var attrArray = attrs.Count == 0 ? [] : attrs.ToArray();
        state.Spans.Add(new SpanRecord
        {
            TraceId = trace,
            SpanId = id,
            ParentSpanId = parent,
            Name = name,
            Kind = (byte)Math.Min(kind, 5),
            StatusCode = (byte)Math.Min(statusCode, 2),
            StatusMessage = statusMessage,
            StartUnixNano = start,
            EndUnixNano = Math.Max(end, start),
            Resource = resource,
            Scope = scope,
            Attributes = attrArray,
            Events = events?.ToArray(),
            Links = links?.ToArray(),
            TraceState = traceState,
            Flags = flags,
            Link = OtlpValues.Find(attrArray, "lab.link"),
        });
    }

    private static Attr ReadKeyValue(ReadOnlySpan<byte> data, Interner interner)
    {
        var key = string.Empty;
        object value = string.Empty;
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (1, 2): key = interner.Intern(reader.ReadBytes()); break;
                case (2, 2): value = ReadAnyValue(reader.ReadBytes(), interner); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new Attr(key, value);
    }

    private static object ReadAnyValue(ReadOnlySpan<byte> data, Interner interner)
    {
        object value = string.Empty;
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (1, 2): value = interner.Intern(reader.ReadBytes()); break;
                case (2, 0): value = OtlpValues.Box(reader.ReadVarint() != 0); break;
                case (3, 0): value = OtlpValues.Box((long)reader.ReadVarint()); break;
                case (4, 1): value = BitConverter.Int64BitsToDouble((long)reader.ReadFixed64()); break;
                case (5, 2) or (6, 2) or (7, 2):
                    // Arrays, maps and bytes are rare: keep them as the protobuf AnyValue.
                    return Parse(AnyValue.Parser, data);
                default: reader.Skip(wireType); break;
            }
        }

        return value;
    }

    private static SpanEventRecord ReadEvent(ReadOnlySpan<byte> data, Interner interner)
    {
        ulong time = 0;
        var name = string.Empty;
        var attrs = new List<Attr>();
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (1, 1): time = reader.ReadFixed64(); break;
                case (2, 2): name = interner.Intern(reader.ReadBytes()); break;
                case (3, 2): attrs.Add(ReadKeyValue(reader.ReadBytes(), interner)); break;
                default: reader.Skip(wireType); break;
            }
        }

        return new SpanEventRecord(name, time, [.. attrs]);
    }

    private static void ReadLink(ReadOnlySpan<byte> data, Interner interner, ref List<SpanLinkRecord>? links)
    {
        ReadOnlySpan<byte> traceId = default, spanId = default;
        string? traceState = null;
        var attrs = new List<Attr>();
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (1, 2): traceId = reader.ReadBytes(); break;
                case (2, 2): spanId = reader.ReadBytes(); break;
                case (3, 2): traceState = NullIfEmpty(System.Text.Encoding.UTF8.GetString(reader.ReadBytes())); break;
                case (4, 2): attrs.Add(ReadKeyValue(reader.ReadBytes(), interner)); break;
                default: reader.Skip(wireType); break;
            }
        }

        if (TraceId.TryFromBytes(traceId, out var trace) && spanId.Length == 8)
        {
            var id = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(spanId);
            if (id != 0)
            {
                (links ??= []).Add(new SpanLinkRecord(trace, id, traceState, [.. attrs]));
            }
        }
    }

    private static void ReadStatus(ReadOnlySpan<byte> data, ref string? message, ref ulong code)
    {
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (2, 2): message = NullIfEmpty(System.Text.Encoding.UTF8.GetString(reader.ReadBytes())); break;
                case (3, 0): code = reader.ReadVarint(); break;
                default: reader.Skip(wireType); break;
            }
        }
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySpan<byte> data)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(data);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new Otlp.OtlpFormatException("malformed protobuf: " + ex.Message, ex);
        }
    }

    private static void Reject(ref State state, string error)
    {
        state.Rejected++;
        state.Error ??= error;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
