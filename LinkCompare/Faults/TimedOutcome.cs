namespace TracingLab.LinkCompare.Faults;

/// <summary>One request of a run placed in time: what fault windows are compared against.</summary>
/// <param name="Link">The link it went over.</param>
/// <param name="SentAt">Its scheduled send time (wall clock, UTC).</param>
/// <param name="LatencyMs">From the scheduled send time to the answer or the failure.</param>
/// <param name="Succeeded">A 2xx answer.</param>
public readonly record struct TimedOutcome(string Link, DateTimeOffset SentAt, double LatencyMs, bool Succeeded)
{
    /// <summary>When the answer (or the failure) came.</summary>
    public DateTimeOffset AnsweredAt => SentAt + TimeSpan.FromMilliseconds(LatencyMs);
}
