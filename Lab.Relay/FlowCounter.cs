using TracingLab.Contracts.LinksFeed;

namespace TracingLab.Relay;

/// <summary>
/// One direction of one connection as the provider's interface sees it, aggregated per 60-second window as VPC Flow
/// Logs do (they allow 60 s or 600 s): when traffic arrives in a later window, the previous window's record is
/// closed. Start and end are the first and last packet seen within the window, as in flow logs.
/// </summary>
internal sealed class FlowCounter
{
    /// <summary>The aggregation interval.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly FlowStore _store;
    private readonly FlowRecord _template;
    private readonly Lock _lock = new();
    private long _window = long.MinValue;
    private long _packets;
    private long _bytes;
    private DateTimeOffset _first;
    private DateTimeOffset _last;
    private bool _closed;

    public FlowCounter(FlowStore store, FlowRecord template)
    {
        _store = store;
        _template = template;
        store.Open(this);
    }

    /// <summary>Counts one socket read or write of <paramref name="bytes"/> (a "packet": see docs/links.md).</summary>
    public void Add(int bytes, DateTimeOffset now)
    {
        FlowRecord? finished = null;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            var window = now.UtcTicks / Window.Ticks;
            if (_packets > 0 && window != _window)
            {
                finished = CurrentLocked();
                _packets = 0;
                _bytes = 0;
            }

            if (_packets == 0)
            {
                _first = now;
                _window = window;
            }

            _last = now;
            _packets++;
            _bytes += bytes;
        }

        if (finished is not null)
        {
            _store.Add(finished);
        }
    }

    /// <summary>The open window's record, or null when it saw nothing.</summary>
    public FlowRecord? Current()
    {
        lock (_lock)
        {
            return _packets == 0 ? null : CurrentLocked();
        }
    }

    /// <summary>Closes the flow: its last window becomes a closed record.</summary>
    public void Close()
    {
        FlowRecord? last;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            last = _packets == 0 ? null : CurrentLocked();
        }

        _store.Close(this, last);
    }

    private FlowRecord CurrentLocked() => _template with { Packets = _packets, Bytes = _bytes, Start = _first, End = _last };
}
