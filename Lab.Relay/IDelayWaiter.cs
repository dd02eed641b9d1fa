namespace TracingLab.Relay;

/// <summary>Waits until a timestamp of the relay's <see cref="TimeProvider"/>.</summary>
public interface IDelayWaiter
{
    /// <summary>Completes at or after <paramref name="dueTimestamp"/>.</summary>
    ValueTask WaitUntilAsync(long dueTimestamp, CancellationToken ct);
}
