using TracingLab.ServiceDefaults.Contracts;
using TracingLab.ServiceDefaults.Lab;

namespace TracingLab.ServiceA.Orders;

/// <summary>serviceb (analysis), which itself calls servicec: its budget covers one more level.</summary>
public sealed class ServiceBClient(HttpClient http, LabLinkResolver links)
{
    /// <summary>The provider's name in service discovery.</summary>
    public const string Provider = "serviceb";

    /// <summary>The link to serviceb for <paramref name="via"/>.</summary>
    public LinkChoice Choose(string? via) => links.Choose(Provider, via);

    /// <summary>Asks serviceb to score an order.</summary>
    public Task<LabCallResult<OrderAnalysis>> AnalyzeAsync(LinkChoice link, IReadOnlyList<OrderLine> lines, CancellationToken ct) =>
        LabCall.SendAsync<OrderAnalysis>(http, "servicea", Provider, link, HttpMethod.Post, "/analysis/orders", new { lines }, ct);

    /// <summary>Runs serviceb's part of the lab probe.</summary>
    public Task<LabCallResult<RelayReport>> HopsAsync(LinkChoice link, CancellationToken ct) =>
        LabCall.SendAsync<RelayReport>(
            http, "servicea", Provider, link, HttpMethod.Get, "/lab/hops?via=" + Uri.EscapeDataString(link.Link), null, ct);
}

/// <summary>servicec (inventory), a leaf.</summary>
public sealed class ServiceCClient(HttpClient http, LabLinkResolver links)
{
    /// <summary>The provider's name in service discovery.</summary>
    public const string Provider = "servicec";

    /// <summary>The link to servicec for <paramref name="via"/>.</summary>
    public LinkChoice Choose(string? via) => links.Choose(Provider, via);

    /// <summary>Holds stock for one order line.</summary>
    public Task<LabCallResult<Reservation>> ReserveAsync(LinkChoice link, OrderLine line, string orderId, CancellationToken ct) =>
        LabCall.SendAsync<Reservation>(
            http, "servicea", Provider, link, HttpMethod.Post, $"/inventory/{Uri.EscapeDataString(line.Sku)}/reservations",
            new { quantity = line.Quantity, orderId }, ct);

    /// <summary>Asks servicec what it sees of a call from here.</summary>
    public Task<LabCallResult<EchoReport>> EchoAsync(LinkChoice link, CancellationToken ct) =>
        LabCall.SendAsync<EchoReport>(http, "servicea", Provider, link, HttpMethod.Get, "/lab/echo", null, ct);
}
