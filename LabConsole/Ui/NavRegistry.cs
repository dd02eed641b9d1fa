namespace TracingLab.Dashboard.Ui;

/// <summary>A link in the left navigation.</summary>
public sealed record NavItem(string Title, string Href, int Order);

/// <summary>
/// The navigation menu. Built-in pages are listed here; another component adds its page (a routable component in this
/// assembly, e.g. an X-Ray view) with <c>server.Services.GetRequiredService&lt;NavRegistry&gt;().Add(...)</c> or through
/// <see cref="DashboardOptions"/>-independent DI before start.
/// </summary>
public sealed class NavRegistry
{
    private readonly List<NavItem> _items =
    [
        new("Resources", "resources", 10),
        new("Traces", "traces", 20),
        new("Structured logs", "logs", 30),
        new("Service map", "map", 40),
        new("Metrics", "metrics", 50),
    ];

    private readonly Lock _lock = new();

    public IReadOnlyList<NavItem> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.OrderBy(i => i.Order)];
            }
        }
    }

    public void Add(NavItem item)
    {
        lock (_lock)
        {
            _items.Add(item);
        }
    }
}
