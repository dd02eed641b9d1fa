using TracingLab.Dashboard;

namespace TracingLab.AppHost.Hosting;

/// <summary>The last lines a process wrote, bounded so a chatty service can't grow the AppHost without limit.</summary>
public sealed class ConsoleBuffer(int capacity = 5000)
{
    private readonly Queue<ConsoleLine> _lines = new();

    /// <summary>Raised after a line is added.</summary>
    public event Action? LineAdded;

    /// <summary>Lines dropped because the buffer was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Adds a line, dropping the oldest when full.</summary>
    public void Add(ConsoleLine line)
    {
        lock (_lines)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
                Dropped++;
            }

            _lines.Enqueue(line);
        }

        LineAdded?.Invoke();
    }

    /// <summary>A copy of the buffered lines, oldest first.</summary>
    public IReadOnlyList<ConsoleLine> Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }
}
