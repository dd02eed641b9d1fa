using TracingLab.ServiceDefaults.Lab;

namespace TracingLab.ServiceB.Analysis;

/// <summary>servicec, reached over the link the caller chose.</summary>
public sealed class ServiceCClient(HttpClient http, LabLinkResolver links)
{
    /// <summary>The provider's name in service discovery.</summary>
    public const string Provider = "servicec";

    /// <summary>The link to use for <paramref name="via"/> (the link in baggage, or the default).</summary>
    public LinkChoice Choose(string? via) => links.Choose(Provider, via);

    /// <summary>Reads an item's stock.</summary>
    public Task<LabCallResult<StockLevel>> GetStockAsync(LinkChoice link, string sku, CancellationToken ct) =>
        LabCall.SendAsync<StockLevel>(http, "serviceb", Provider, link, HttpMethod.Get, $"/inventory/{Uri.EscapeDataString(sku)}", null, ct);

    /// <summary>Asks servicec what it sees of a call from here.</summary>
    public Task<LabCallResult<EchoReport>> EchoAsync(LinkChoice link, CancellationToken ct) =>
        LabCall.SendAsync<EchoReport>(http, "serviceb", Provider, link, HttpMethod.Get, "/lab/echo", null, ct);
}
