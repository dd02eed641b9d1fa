namespace TracingLab.LinkCompare.Load;

/// <summary>
/// One request the scheduler issues. Timestamps are <see cref="TimeProvider.GetTimestamp"/> values of the scheduler's
/// clock; latency is measured from <see cref="IntendedTimestamp"/>, so a late start is charged to the request.
/// </summary>
/// <param name="Link">The link to send over.</param>
/// <param name="Tick">The tick number, from 0.</param>
/// <param name="Position">Its place among the tick's requests (0 = issued first).</param>
/// <param name="IntendedTimestamp">When the request should have been sent: start + tick × period.</param>
/// <param name="StartTimestamp">When the scheduler actually issued it.</param>
public readonly record struct ScheduledRequest(string Link, long Tick, int Position, long IntendedTimestamp, long StartTimestamp);
