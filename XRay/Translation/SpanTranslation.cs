using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace TracingLab.XRay.Translation;

/// <summary>The outcome for one span: its segment document, or why there is none.</summary>
/// <remarks>The translator keeps the document as the UTF-8 JSON X-Ray receives (<see cref="DocumentUtf8"/>);
/// <see cref="Document"/> decodes it to a string on first read.</remarks>
public sealed record SpanTranslation
{
    private byte[]? _utf8;
    private string? _document;
    private string? _traceId;
    private string? _spanId;

    // The ids as the span carried them, formatted as hex on first read (most callers never read them).
    private readonly UInt128 _traceBytes;
    private readonly ulong _spanBytes;
    private readonly bool _idsFromBytes;

    /// <param name="traceId">The OTel trace id, 32 lowercase hex digits (empty if the id was malformed).</param>
    /// <param name="spanId">The OTel span id, 16 lowercase hex digits (empty if the id was malformed).</param>
    /// <param name="document">The segment document JSON (UTF-8 size at most 64 kB), or null when rejected.</param>
    /// <param name="rejection">Why the span was rejected, or null when accepted.</param>
    /// <param name="adjustments">What was changed to make the document acceptable (trimmed metadata, moved annotations).</param>
    public SpanTranslation(string traceId, string spanId, string? document, TranslationRejection? rejection, IReadOnlyList<string> adjustments)
    {
        TraceId = traceId;
        SpanId = spanId;
        _document = document;
        Rejection = rejection;
        Adjustments = adjustments;
    }

    private SpanTranslation(ReadOnlySpan<byte> traceId, ReadOnlySpan<byte> spanId, byte[] utf8, IReadOnlyList<string> adjustments)
    {
        _traceBytes = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(traceId);
        _spanBytes = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(spanId);
        _idsFromBytes = true;
        _utf8 = utf8;
        Adjustments = adjustments;
    }

    /// <summary>The OTel trace id, 32 lowercase hex digits (empty if the id was malformed).</summary>
    public string TraceId
    {
        get => _traceId ??= _idsFromBytes ? _traceBytes.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) : "";
        init => _traceId = value;
    }

    /// <summary>The OTel span id, 16 lowercase hex digits (empty if the id was malformed).</summary>
    public string SpanId
    {
        get => _spanId ??= _idsFromBytes ? _spanBytes.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) : "";
        init => _spanId = value;
    }

    /// <summary>The segment document JSON (UTF-8 size at most 64 kB), or null when rejected.</summary>
    public string? Document
    {
        get => _document ??= _utf8 is null ? null : Encoding.UTF8.GetString(_utf8);
        init => (_document, _utf8) = (value, null);
    }

    /// <summary>The segment document as UTF-8 JSON (empty when rejected), without decoding it to a string.</summary>
    public ReadOnlyMemory<byte> DocumentUtf8 => _utf8 ??= _document is null ? null : Encoding.UTF8.GetBytes(_document);

    /// <summary>Why the span was rejected, or null when accepted.</summary>
    public TranslationRejection? Rejection { get; init; }

    /// <summary>What was changed to make the document acceptable (trimmed metadata, moved annotations).</summary>
    public IReadOnlyList<string> Adjustments { get; init; }

    /// <summary>True when <see cref="Document"/> holds a segment document.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Rejection))]
#pragma warning disable CS8775 // Document is computed from the UTF-8 bytes, which are set exactly when it would be non-null.
    public bool IsAccepted => _utf8 is not null || _document is not null;
#pragma warning restore CS8775

    /// <summary>Equal when ids, document text, rejection and adjustments (the same list) are equal.</summary>
    public bool Equals(SpanTranslation? other) =>
        other is not null && TraceId == other.TraceId && SpanId == other.SpanId && Rejection == other.Rejection
        && ReferenceEquals(Adjustments, other.Adjustments) && DocumentUtf8.Span.SequenceEqual(other.DocumentUtf8.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TraceId, SpanId, Rejection);

    internal static SpanTranslation Accepted(ReadOnlySpan<byte> traceId, ReadOnlySpan<byte> spanId, byte[] utf8, IReadOnlyList<string> adjustments) =>
        new(traceId, spanId, utf8, adjustments);

    internal static SpanTranslation Rejected(string traceId, string spanId, RejectionReason reason, string message) =>
        new(traceId, spanId, null, new TranslationRejection(reason, message), []);
}

/// <summary>A span that produced no document.</summary>
/// <param name="Reason">The kind of problem.</param>
/// <param name="Message">What was wrong, the value given and what is allowed.</param>
public sealed record TranslationRejection(RejectionReason Reason, string Message);
