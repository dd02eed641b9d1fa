using TracingLab.Contracts.LinksFeed;

namespace TracingLab.LinkCompare.Faults;

/// <summary>
/// Turns polls of the links feed into fault windows. Windows the feed lists (<see cref="LinksSnapshot.FaultWindows"/>)
/// are taken as they are, the latest version of each winning (an experiment's window gains its end when cleared).
/// A fault the feed shows active on a relay but no listed window covers (one injected from the dashboard, or a feed
/// that lists no windows) gets an <see cref="FaultWindow.Observed"/> window: from the first poll that saw it to the
/// first that did not, so accurate to the poll interval. Thread-safe; the caller's clock stamps each poll, so tests
/// replay fixed polls.
/// </summary>
public sealed class FaultWindowTracker
{
    /// <summary>The most windows kept; the oldest closed ones go first.</summary>
    public const int MaxWindows = 500;

    private readonly Dictionary<(string Link, string Kind, string Parameters, string Direction, DateTimeOffset Start), FaultWindow> _listed = [];
    private readonly Dictionary<(string Link, string Kind, string Description), FaultWindow> _open = [];
    private readonly List<FaultWindow> _closed = [];
    private readonly Lock _lock = new();

    /// <summary>When the last poll was taken, or null before any.</summary>
    public DateTimeOffset? LastObserved { get; private set; }

    /// <summary>Takes one poll of the feed, made at <paramref name="at"/>.</summary>
    public void Observe(DateTimeOffset at, LinksSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            LastObserved = at;
            foreach (var window in snapshot.FaultWindows ?? [])
            {
                _listed[(window.Link, window.Kind, window.Parameters, window.Direction, window.Start)] = window;
            }

            var active = snapshot.Relays
                .SelectMany(r => (r.Faults ?? []).Select(f => (r.Link, f.Kind, f.Description)))
                .ToHashSet();
            foreach (var key in _open.Keys.Where(k => !active.Contains(k)).ToList())
            {
                _closed.Add(_open[key] with { End = at });
                _open.Remove(key);
            }

            foreach (var key in active.Where(k => !_open.ContainsKey(k)))
            {
                var (parameters, direction) = ActiveFaultText.Split(key.Kind, key.Description);
                _open[key] = new FaultWindow(key.Link, key.Kind, parameters, direction, at, null, FaultWindow.Observed);
            }

            Trim();
        }
    }

    /// <summary>
    /// Every window that overlaps [<paramref name="from"/>, <paramref name="to"/>] (all when both are null): the listed
    /// ones, and the observed ones no listed window of the same link and kind overlaps; by start, then link.
    /// </summary>
    public IReadOnlyList<FaultWindow> Windows(DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        lock (_lock)
        {
            var listed = _listed.Values.ToList();
            var observed = _closed.Concat(_open.Values)
                .Where(o => !listed.Any(l => l.Link == o.Link && l.Kind == o.Kind && l.Overlaps(o.Start, o.End ?? DateTimeOffset.MaxValue)));
            return [.. listed.Concat(observed)
                .Where(w => w.Overlaps(from ?? DateTimeOffset.MinValue, to ?? DateTimeOffset.MaxValue))
                .OrderBy(w => w.Start).ThenBy(w => w.Link, StringComparer.Ordinal).ThenBy(w => w.Kind, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Since when <paramref name="fault"/> has been active on <paramref name="link"/>: the start of the listed window of
    /// that link and kind covering <paramref name="now"/>, else the first poll that saw it; null if never seen.
    /// </summary>
    public DateTimeOffset? Since(string link, ActiveFault fault, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            var listed = _listed.Values.Where(w => w.Link == link && w.Kind == fault.Kind && w.Covers(now)).Select(w => (DateTimeOffset?)w.Start).Min();
            return listed ?? (_open.TryGetValue((link, fault.Kind, fault.Description), out var open) ? open.Start : null);
        }
    }

    private void Trim()
    {
        var excess = _listed.Count + _open.Count + _closed.Count - MaxWindows;
        if (excess > 0)
        {
            _closed.RemoveRange(0, Math.Min(excess, _closed.Count));
        }
    }
}
