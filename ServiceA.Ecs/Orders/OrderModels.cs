using TracingLab.ServiceDefaults.Contracts;

namespace TracingLab.ServiceA.Orders;

/// <summary>A new order.</summary>
public sealed record CreateOrderRequest(IReadOnlyList<OrderLine?>? Lines);

/// <summary>serviceb's verdict on an order.</summary>
public sealed record OrderAnalysis(int Score, string Decision, decimal Total);

/// <summary>Stock servicec holds for an order line.</summary>
public sealed record Reservation(string Id, string Sku, int Quantity, string? OrderId, DateTimeOffset CreatedAt);

/// <summary>A placed order.</summary>
public sealed record Order(
    string Id, IReadOnlyList<OrderLine> Lines, OrderAnalysis Analysis, IReadOnlyList<Reservation> Reservations, string Link, string TraceId, DateTimeOffset CreatedAt);
