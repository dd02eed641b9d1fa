namespace TracingLab.LinkCompare.Load;

/// <summary>What the scheduler did: how many requests it issued, how late it issued them, and when.</summary>
/// <param name="Issued">Requests issued (ticks × links).</param>
/// <param name="LateRequests">Requests issued one period or more after their intended time.</param>
/// <param name="MaxStartLag">The largest gap between intended and actual issue time.</param>
/// <param name="MeanStartLag">The mean gap between intended and actual issue time.</param>
/// <param name="Elapsed">From the first tick to the last answer.</param>
public sealed record ScheduleResult(long Issued, long LateRequests, TimeSpan MaxStartLag, TimeSpan MeanStartLag, TimeSpan Elapsed);
