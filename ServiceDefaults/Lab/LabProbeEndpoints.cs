using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.ServiceDefaults.Lab;

/// <summary>The lab's probe endpoints that every service shares.</summary>
public static class LabProbeEndpoints
{
    /// <summary>Maps <c>GET /lab/echo</c>: what this service saw of the call.</summary>
    public static IEndpointRouteBuilder MapLabEcho(this IEndpointRouteBuilder app, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/lab/echo", (HttpContext context) => TypedResults.Ok(Echo(context, serviceName)))
            .WithName("LabEcho");
        return app;
    }

    /// <summary>What this service sees of the current request.</summary>
    public static EchoReport Echo(HttpContext context, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        var remote = address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        var traceId = Activity.Current is { } activity ? XRayTraceId.From(activity.TraceId).ToXRay() : "none";
        // Only a hop that terminates HTTP (lattice) sets it; the TCP links leave the caller in the socket's address.
        var forwardedFor = context.Request.Headers["x-forwarded-for"] is { Count: > 0 } values ? values.ToString() : null;
        return new EchoReport(serviceName, traceId, remote, forwardedFor, Baggage.GetBaggage(LabAttributes.Link));
    }
}
