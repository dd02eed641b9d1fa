using TracingLab.LinkCompare.Model;

namespace TracingLab.LabConsole.Links;

/// <summary>The link-comparison runs posted by the compare command, newest first, at most <see cref="Capacity"/>.</summary>
public sealed class CompareRunStore
{
    /// <summary>How many runs are kept; the oldest is dropped first.</summary>
    public const int Capacity = 20;

    private readonly LinkedList<CompareRun> _runs = new();
    private readonly Lock _lock = new();

    /// <summary>Raised after a run was added.</summary>
    public event Action? Changed;

    public IReadOnlyList<CompareRun> Runs
    {
        get
        {
            lock (_lock)
            {
                return [.. _runs];
            }
        }
    }

    public CompareRun? Latest
    {
        get
        {
            lock (_lock)
            {
                return _runs.First?.Value;
            }
        }
    }

    public CompareRun? Find(string runId)
    {
        lock (_lock)
        {
            return _runs.FirstOrDefault(r => string.Equals(r.RunId, runId, StringComparison.Ordinal));
        }
    }

    /// <summary>Adds <paramref name="run"/>, replacing a run with the same id (a re-post).</summary>
    public void Add(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_lock)
        {
            var same = _runs.FirstOrDefault(r => string.Equals(r.RunId, run.RunId, StringComparison.Ordinal));
            if (same is not null)
            {
                _runs.Remove(same);
            }

            _runs.AddFirst(run);
            while (_runs.Count > Capacity)
            {
                _runs.RemoveLast();
            }
        }

        Changed?.Invoke();
    }
}
