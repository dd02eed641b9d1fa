namespace TracingLab.XRay.Translation;

/// <summary>Why a span produced no segment document.</summary>
public enum RejectionReason
{
    /// <summary>The trace id is not 16 bytes or is all zeros.</summary>
    InvalidTraceId,

    /// <summary>The span id (or a non-empty parent span id) is not 8 bytes or is all zeros.</summary>
    InvalidSpanId,

    /// <summary>The epoch in the first 4 bytes of the trace id is older than X-Ray accepts.</summary>
    TraceIdTooOld,

    /// <summary>The epoch in the first 4 bytes of the trace id is further in the future than the allowed skew.</summary>
    TraceIdInFuture,

    /// <summary>Even without metadata and annotations the document exceeds 64 kB.</summary>
    DocumentTooLarge,

    /// <summary>A string in the span cannot be written as JSON (for example a lone UTF-16 surrogate).</summary>
    InvalidText,
}
