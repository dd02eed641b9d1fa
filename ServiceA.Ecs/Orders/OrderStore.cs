using System.Collections.Concurrent;

namespace TracingLab.ServiceA.Orders;

/// <summary>Placed orders, in memory.</summary>
public sealed class OrderStore
{
    private readonly ConcurrentDictionary<string, Order> _orders = new(StringComparer.Ordinal);

    /// <summary>Stores an order.</summary>
    public void Add(Order order) => _orders[order.Id] = order;

    /// <summary>The order with <paramref name="id"/>, or null.</summary>
    public Order? Find(string id) => _orders.GetValueOrDefault(id);
}
