namespace TracingLab.Relay;

/// <summary>How one emulated link delays traffic, and where those figures come from.</summary>
/// <param name="DelayMs">Added one-way delay per direction, in milliseconds.</param>
/// <param name="JitterMs">Extra uniform random delay, 0 to this, per chunk and direction (never reordering bytes).</param>
/// <param name="Source">The public measurement behind the figures (URL and what was measured), or why they are an assumption.</param>
public sealed record LinkProfile(double DelayMs, double JitterMs, string Source)
{
    /// <summary>The largest delay or jitter accepted, in milliseconds.</summary>
    public const double MaxMs = 10_000;
}
