namespace TracingLab.Relay;

/// <summary>
/// When each chunk of one direction of one connection may be delivered: now + delay + a uniform jitter, but never
/// before the previous chunk's due time, so jitter can stretch the stream but never reorder its bytes.
/// </summary>
internal sealed class DelaySchedule(TimeProvider time, double delayMs, double jitterMs, Random random)
{
    private long _lastDue = long.MinValue;

    /// <summary>True when this direction adds no delay at all (peering): chunks are forwarded as they are read.</summary>
    public bool IsImmediate => delayMs == 0 && jitterMs == 0;

    /// <summary>
    /// The due timestamp (<see cref="TimeProvider.GetTimestamp"/> units) of a chunk read now, with a fault's
    /// <paramref name="extraTicks"/> added and no earlier than <paramref name="notBefore"/> (a bandwidth cap).
    /// </summary>
    public long Next(long extraTicks = 0, long notBefore = long.MinValue)
    {
        var ms = delayMs + (jitterMs > 0 ? random.NextDouble() * jitterMs : 0);
        var due = time.GetTimestamp() + (long)(ms * time.TimestampFrequency / 1000.0) + extraTicks;
        _lastDue = Math.Max(Math.Max(due, notBefore), _lastDue);
        return _lastDue;
    }
}
