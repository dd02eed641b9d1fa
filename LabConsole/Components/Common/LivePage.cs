using Microsoft.AspNetCore.Components;
using TracingLab.Dashboard.Storage;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Components.Common;

/// <summary>
/// A page that refreshes itself when telemetry or resources change, at most once a second: ingest can fire
/// thousands of changes a second and a re-render per change would swamp the circuit.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private Timer? _timer;
    private volatile bool _dirty;

    private TelemetryStore? _live;

    [Inject]
    protected TelemetryView View { get; set; } = default!;

    /// <summary>The run this browser tab looks at: live, or one from the run history.</summary>
    protected TelemetryStore Store => View.Store;

    [Inject]
    protected IResourceSource ResourceSource { get; set; } = default!;

    protected override void OnInitialized()
    {
        _live = View.Store;
        _live.Changed += MarkDirty;
        View.Switched += OnSwitched;
        ResourceSource.Changed += MarkDirty;
        _timer = new Timer(_ => _ = TickAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Refresh();
    }

    /// <summary>Reloads the page's data from the store; called on start, on parameter changes and on live updates.</summary>
    protected abstract void Refresh();

    protected override void OnParametersSet() => Refresh();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_live is not null)
            {
                _live.Changed -= MarkDirty;
            }

            View.Switched -= OnSwitched;
            ResourceSource.Changed -= MarkDirty;
            _timer?.Dispose();
        }
    }

    private void MarkDirty() => _dirty = true;

    private void OnSwitched() => _ = InvokeAsync(() =>
    {
        Refresh();
        StateHasChanged();
    });

    private async Task TickAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        await InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }).ConfigureAwait(false);
    }
}
