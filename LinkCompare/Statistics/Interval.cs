namespace TracingLab.LinkCompare.Statistics;

/// <summary>An estimate with its confidence interval, in milliseconds.</summary>
/// <param name="Estimate">The figure computed from the run's own samples.</param>
/// <param name="Low">The interval's lower bound.</param>
/// <param name="High">The interval's upper bound.</param>
public readonly record struct Interval(double Estimate, double Low, double High)
{
    /// <summary>The precision the lab's latencies are measured and shown at: a microsecond.</summary>
    public const int Decimals = 3;

    /// <summary>
    /// True when the interval lies wholly above or wholly below 0 at the precision it is shown at: a bound of
    /// 0.0000001 ms (arithmetic on float samples) is 0, and the interval printed as [0.000, +0.440] includes 0.
    /// </summary>
    public bool ExcludesZero => Math.Round(Low, Decimals) > 0 || Math.Round(High, Decimals) < 0;

    /// <summary>High − Low.</summary>
    public double Width => High - Low;
}
