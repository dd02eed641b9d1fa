using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace TracingLab.Relay.Lattice;

/// <summary>
/// What Lattice does to a request on its way to the target: strips the caller-identity headers a caller may have sent,
/// then adds its own (<see cref="LatticeIdentity"/>). Everything else, the trace headers (<c>traceparent</c>,
/// <c>tracestate</c>, <c>baggage</c>, <c>X-Amzn-Trace-Id</c>) included, passes unchanged: the Lattice docs say
/// nothing about touching them, and Lattice emits no span of its own.
/// </summary>
internal sealed class LatticeTransformer(RelaySpec spec) : HttpTransformer
{
    private readonly string _network = LatticeIdentity.NetworkValue(spec.Consumer);
    private readonly string _target = LatticeIdentity.TargetValue(spec.Provider);

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        foreach (var name in LatticeIdentity.Stripped)
        {
            proxyRequest.Headers.Remove(name);
        }

        var caller = httpContext.Connection.RemoteIpAddress;
        var address = caller is null ? "unknown" : (caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller).ToString();
        proxyRequest.Headers.TryAddWithoutValidation(LatticeIdentity.ForwardedFor, address);
        proxyRequest.Headers.TryAddWithoutValidation(LatticeIdentity.ForwardedForPort, httpContext.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        proxyRequest.Headers.TryAddWithoutValidation(LatticeIdentity.ForwardedForProto, httpContext.Request.Scheme);
        proxyRequest.Headers.TryAddWithoutValidation(LatticeIdentity.Network, _network);
        proxyRequest.Headers.TryAddWithoutValidation(LatticeIdentity.Target, _target);

        // The callee sees the host name the caller addressed (the Lattice service's), not the hop behind it.
        proxyRequest.Headers.Host = httpContext.Request.Host.Value;
        proxyRequest.Version = HttpVersion.Version11;
    }
}
