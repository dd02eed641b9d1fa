using System.Net.Http;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.ServiceDefaults.Lab;

/// <summary>What a caller tells the HttpClient instrumentation about a call, so the client span names its link and hop.</summary>
public static class LabRequestOptions
{
    /// <summary>The link the call travels over.</summary>
    public static readonly HttpRequestOptionsKey<string> Link = new(LabAttributes.Link);

    /// <summary>The provider service being called (becomes <c>peer.service</c>, which X-Ray uses as the subsegment name).</summary>
    public static readonly HttpRequestOptionsKey<string> PeerService = new("peer.service");

    /// <summary>The hop, e.g. <c>servicea→serviceb</c>.</summary>
    public static readonly HttpRequestOptionsKey<string> Hop = new(LabAttributes.Hop);
}
