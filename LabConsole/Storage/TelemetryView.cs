using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Storage;

/// <summary>
/// Which run a browser circuit is looking at: the live store, or a past run from the history. Scoped, so each
/// browser tab switches on its own; pages read <see cref="Store"/> and refresh on <see cref="Switched"/>.
/// </summary>
public sealed class TelemetryView
{
    private readonly TelemetryStore _live;

    public TelemetryView(TelemetryStore live, RunHistory? history = null)
    {
        _live = live;
        Store = live;
        History = history;
    }

    public TelemetryStore Store { get; private set; }

    public RunHistory? History { get; }

    /// <summary>Null while viewing the live run.</summary>
    public long? RunId { get; private set; }

    public bool IsLive => RunId is null;

    public event Action? Switched;

    public bool Select(long? runId)
    {
        var store = runId is null || runId == History?.CurrentRunId ? _live : History?.LoadRun(runId.Value);
        if (store is null)
        {
            return false;
        }

        Store = store;
        RunId = store == _live ? null : runId;
        Switched?.Invoke();
        return true;
    }
}
