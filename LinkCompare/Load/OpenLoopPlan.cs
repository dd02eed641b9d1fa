namespace TracingLab.LinkCompare.Load;

/// <summary>
/// What the open-loop scheduler sends: at every tick (every 1/<see cref="RatePerLink"/> s for
/// <see cref="Duration"/>) one request per link.
/// </summary>
/// <param name="Links">The links, each gets one request per tick.</param>
/// <param name="RatePerLink">Requests per second per link: (0, <see cref="MaxRatePerLink"/>].</param>
/// <param name="Duration">How long ticks are scheduled: (0, <see cref="MaxDuration"/>].</param>
public sealed record OpenLoopPlan(IReadOnlyList<string> Links, double RatePerLink, TimeSpan Duration)
{
    /// <summary>The highest rate per link the generator accepts (it sustains 2,000 requests/s in all on 2 cores).</summary>
    public const double MaxRatePerLink = 5000;

    /// <summary>The longest run accepted (the recorder keeps per-request trace samples in memory).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>The number of ticks: every tick at or after the start and strictly before the end of <see cref="Duration"/>.</summary>
    public long TickCount => (long)Math.Ceiling((Duration.TotalSeconds * RatePerLink) - 1e-9);

    /// <summary>Every problem of this plan, each naming the field, the value given and what is allowed; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Links is null || Links.Count == 0)
        {
            errors.Add("links: none given; at least one link is required.");
        }
        else if (Links.Distinct(StringComparer.Ordinal).Count() != Links.Count)
        {
            errors.Add($"links: '{string.Join(",", Links)}' names a link twice; each link at most once.");
        }
        else if (Links.Count > OpenLoopScheduler.MaxOrderedLinks)
        {
            errors.Add($"links: {Links.Count} given; at most {OpenLoopScheduler.MaxOrderedLinks} (the floor counts as one).");
        }

        if (!double.IsFinite(RatePerLink) || RatePerLink <= 0 || RatePerLink > MaxRatePerLink)
        {
            errors.Add($"rate: {RatePerLink.ToString(System.Globalization.CultureInfo.InvariantCulture)} requests/s per link is out of range; allowed: more than 0 and at most {MaxRatePerLink.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (Duration <= TimeSpan.Zero || Duration > MaxDuration)
        {
            errors.Add($"duration: {Duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s is out of range; allowed: more than 0 and at most {MaxDuration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s.");
        }
        else if (errors.Count == 0 && TickCount < 1)
        {
            errors.Add($"duration: {Duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s at {RatePerLink.ToString(System.Globalization.CultureInfo.InvariantCulture)}/s schedules no request.");
        }

        return errors;
    }
}
