namespace TracingLab.ServiceC.Inventory;

/// <summary>An item's stock and price.</summary>
public sealed record StockLevel(string Sku, string Name, int Available, int Reserved, decimal UnitPrice);

/// <summary>A request to hold stock for an order.</summary>
public sealed record ReservationRequest(int Quantity, string? OrderId = null);

/// <summary>Stock held for an order.</summary>
public sealed record Reservation(string Id, string Sku, int Quantity, string? OrderId, DateTimeOffset CreatedAt);
