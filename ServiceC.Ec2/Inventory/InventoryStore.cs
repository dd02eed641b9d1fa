using System.Collections.Concurrent;

namespace TracingLab.ServiceC.Inventory;

/// <summary>The in-memory inventory, seeded with the lab's catalogue. Reservations are atomic per item.</summary>
public sealed class InventoryStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Item> _items = new(Seed().ToDictionary(i => i.Sku, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    /// <summary>The stock of <paramref name="sku"/>, or null for an unknown item.</summary>
    public StockLevel? Find(string sku) => _items.TryGetValue(sku, out var item) ? item.Snapshot() : null;

    /// <summary>Every item, ordered by sku.</summary>
    public IReadOnlyList<StockLevel> All() => [.. _items.Values.Select(i => i.Snapshot()).OrderBy(s => s.Sku, StringComparer.Ordinal)];

    /// <summary>Holds <paramref name="quantity"/> units; null when the item is unknown, a failure when stock is short.</summary>
    public ReservationOutcome? Reserve(string sku, int quantity, string? orderId)
    {
        if (!_items.TryGetValue(sku, out var item))
        {
            return null;
        }

        lock (item)
        {
            if (item.Available < quantity)
            {
                return new ReservationOutcome(null, item.Snapshot());
            }

            item.Available -= quantity;
            item.Reserved += quantity;
            var reservation = new Reservation(Guid.NewGuid().ToString("n")[..12], item.Sku, quantity, orderId, time.GetUtcNow());
            return new ReservationOutcome(reservation, item.Snapshot());
        }
    }

    private static IEnumerable<Item> Seed() =>
    [
        new("SKU-1001", "Trace collector mug", 120, 12.50m),
        new("SKU-1002", "Span sticker pack", 500, 4.00m),
        new("SKU-1003", "Waterfall poster", 40, 18.00m),
        new("SKU-1004", "VPC peering cable (virtual)", 75, 29.99m),
        new("SKU-1005", "Transit gateway hoodie", 25, 54.00m),
        new("SKU-1006", "PrivateLink keychain", 3, 7.25m),
    ];

    private sealed class Item(string sku, string name, int available, decimal unitPrice)
    {
        public string Sku { get; } = sku;

        public int Available { get; set; } = available;

        public int Reserved { get; set; }

        public StockLevel Snapshot()
        {
            lock (this)
            {
                return new StockLevel(Sku, name, Available, Reserved, unitPrice);
            }
        }
    }
}

/// <summary>A reservation (null when stock was short) and the item's stock after the attempt.</summary>
public sealed record ReservationOutcome(Reservation? Reservation, StockLevel Stock);
