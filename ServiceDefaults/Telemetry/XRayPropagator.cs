using System.Diagnostics;
using OpenTelemetry.Context.Propagation;

namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry propagator for <c>X-Amzn-Trace-Id</c>. Unlike the contrib AWSXRayPropagator it accepts
/// <c>Sampled=?</c> (a request for this service to decide), keeps <c>Self</c>, <c>Lineage</c> and any other field and
/// writes them back on every outgoing call, and never throws on a malformed header. A header with a valid W3C
/// <c>traceparent</c> beside it defers to the W3C context. A Root-only header (as an ALB sends) carries no parent
/// span, which an OpenTelemetry context cannot express; <see cref="LabContextPropagator"/> continues that Root.
/// </summary>
public sealed class XRayPropagator : TextMapPropagator
{
    private static readonly HashSet<string> HeaderFields = [XRayTraceHeader.HeaderName];

    /// <inheritdoc />
    public override ISet<string> Fields => HeaderFields;

    /// <inheritdoc />
    public override PropagationContext Extract<T>(PropagationContext context, T carrier, Func<T, string, IEnumerable<string>?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        if (context.ActivityContext.TraceId != default && context.ActivityContext.SpanId != default)
        {
            return context;
        }

        var value = getter(carrier, XRayTraceHeader.HeaderName)?.FirstOrDefault();
        if (!XRayTraceHeader.TryParse(value, out var header) || header.Parent is not { } parent)
        {
            return context;
        }

        // Sampled=? asks us to decide: the span context is marked recorded and the local sampler makes the call.
        var flags = header.Sampled == XRaySampled.NotSampled ? ActivityTraceFlags.None : ActivityTraceFlags.Recorded;
        var traceState = XRayTraceState.With(null, header.Extra);
        return new PropagationContext(new ActivityContext(header.Root, parent, flags, traceState, isRemote: true), context.Baggage);
    }

    /// <inheritdoc />
    public override void Inject<T>(PropagationContext context, T carrier, Action<T, string, string> setter)
    {
        ArgumentNullException.ThrowIfNull(setter);
        var span = context.ActivityContext;
        if (span.TraceId == default || span.SpanId == default)
        {
            return;
        }

        var sampled = span.TraceFlags.HasFlag(ActivityTraceFlags.Recorded);
        setter(carrier, XRayTraceHeader.HeaderName, XRayTraceHeader.Format(span.TraceId, span.SpanId, sampled, XRayTraceState.Extra(span.TraceState)));
    }
}
