using Microsoft.AspNetCore.Components;

namespace TracingLab.LabConsole.Components.Common;

/// <summary>
/// A page that reloads its data every <see cref="Interval"/> while it is open (the Links page's live figures): the
/// console holds no store to be told of changes by, so it asks its sources again.
/// </summary>
public abstract class PollingPage : ComponentBase, IDisposable
{
    private Timer? _timer;
    private int _busy;

    protected virtual TimeSpan Interval => TimeSpan.FromSeconds(2);

    /// <summary>Reloads the page's data; called on start, on parameter changes and on every tick.</summary>
    protected abstract Task RefreshAsync();

    protected override void OnInitialized() =>
        _timer = new Timer(_ => _ = TickAsync(), null, Interval, Interval);

    protected override Task OnParametersSetAsync() => RefreshAsync();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
        }
    }

    private async Task TickAsync()
    {
        // One refresh at a time: a slow source must not pile up timer callbacks.
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            return;
        }

        try
        {
            await InvokeAsync(async () =>
            {
                await RefreshAsync();
                StateHasChanged();
            }).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }
}
