using System.Diagnostics.CodeAnalysis;

namespace TracingLab.XRay.Translation;

/// <summary>The outcome for one span: its segment document, or why there is none.</summary>
/// <param name="TraceId">The OTel trace id, 32 lowercase hex digits (empty if the id was malformed).</param>
/// <param name="SpanId">The OTel span id, 16 lowercase hex digits (empty if the id was malformed).</param>
/// <param name="Document">The segment document JSON (UTF-8 size at most 64 kB), or null when rejected.</param>
/// <param name="Rejection">Why the span was rejected, or null when accepted.</param>
/// <param name="Adjustments">What was changed to make the document acceptable (trimmed metadata, moved annotations).</param>
public sealed record SpanTranslation(
    string TraceId,
    string SpanId,
    string? Document,
    TranslationRejection? Rejection,
    IReadOnlyList<string> Adjustments)
{
    /// <summary>True when <see cref="Document"/> holds a segment document.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Document is not null;

    internal static SpanTranslation Rejected(string traceId, string spanId, RejectionReason reason, string message) =>
        new(traceId, spanId, null, new TranslationRejection(reason, message), []);
}

/// <summary>A span that produced no document.</summary>
/// <param name="Reason">The kind of problem.</param>
/// <param name="Message">What was wrong, the value given and what is allowed.</param>
public sealed record TranslationRejection(RejectionReason Reason, string Message);
