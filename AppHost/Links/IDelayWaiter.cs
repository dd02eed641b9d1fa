namespace TracingLab.AppHost.Links;

/// <summary>Waits until a timestamp of the relay's <see cref="TimeProvider"/>.</summary>
internal interface IDelayWaiter
{
    /// <summary>Completes at or after <paramref name="dueTimestamp"/>.</summary>
    ValueTask WaitUntilAsync(long dueTimestamp, CancellationToken ct);
}
