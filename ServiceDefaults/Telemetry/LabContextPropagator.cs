using System.Diagnostics;

namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>
/// The runtime-level propagator (<see cref="DistributedContextPropagator.Current"/>) that ASP.NET Core uses to create
/// the server activity. It adds X-Ray to the runtime's W3C handling so the server span is right from the start:
/// an <c>X-Amzn-Trace-Id</c> with Root and Parent becomes the parent when no <c>traceparent</c> came, and a Root-only
/// header (an ALB's) makes the new root span continue that Root instead of starting a trace of its own.
/// </summary>
public sealed class LabContextPropagator(DistributedContextPropagator inner) : DistributedContextPropagator
{
    /// <inheritdoc />
    public override IReadOnlyCollection<string> Fields { get; } = [.. inner.Fields, XRayTraceHeader.HeaderName];

    /// <summary>Installs the propagator once for the process.</summary>
    public static void Install()
    {
        if (Current is not LabContextPropagator)
        {
            Current = new LabContextPropagator(Current);
        }
    }

    /// <inheritdoc />
    // Outgoing X-Amzn-Trace-Id headers are written by the OpenTelemetry XRayPropagator, once per request.
    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        inner.Inject(activity, carrier, setter);

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        inner.ExtractBaggage(carrier, getter);

    /// <inheritdoc />
    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
        if (traceId is not null || getter is null)
        {
            return;
        }

        getter(carrier, XRayTraceHeader.HeaderName, out var value, out var values);
        if (!XRayTraceHeader.TryParse(value ?? values?.FirstOrDefault(), out var header))
        {
            return;
        }

        if (header.Parent is not { } parent)
        {
            XRayTraceIdGenerator.SetPendingRoot(header.Root);
            return;
        }

        var flags = header.Sampled == XRaySampled.NotSampled ? "00" : "01";
        traceId = $"00-{header.Root.ToHexString()}-{parent.ToHexString()}-{flags}";
        traceState = XRayTraceState.With(traceState, header.Extra);
    }
}
