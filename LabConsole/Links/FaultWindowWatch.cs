using TracingLab.AspireTelemetry;
using TracingLab.LinkCompare.Faults;

namespace TracingLab.LabConsole.Links;

/// <summary>
/// Polls the AppHost's links feed every <see cref="Interval"/> while the console runs, so the Links page can draw the
/// fault windows of the run (the feed's own, or inferred from the relays' active faults) even when nobody had the page
/// open while a fault came and went. Does nothing without a feed.
/// </summary>
public sealed partial class FaultWindowWatch(IServiceProvider services, FaultWindowTracker tracker, TimeProvider time, ILogger<FaultWindowWatch> logger)
    : BackgroundService
{
    /// <summary>How often the feed is polled: an inferred window's edges are accurate to this.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = services.GetRequiredService<LinksFeedClient>();
        if (!feed.IsConfigured)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        var failing = false;
        try
        {
            do
            {
                try
                {
                    // Only the relays matter here; asking for flows from now on keeps the answer small.
                    var snapshot = await feed.GetAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                    tracker.Observe(time.GetUtcNow(), snapshot);
                    failing = false;
                }
                catch (UpstreamException ex)
                {
                    if (!failing)
                    {
                        LogFeedFailed(logger, ex.Message);
                    }

                    failing = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The console is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault windows: the links feed did not answer ({Reason}); polling on")]
    private static partial void LogFeedFailed(ILogger logger, string reason);
}
