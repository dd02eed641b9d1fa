namespace TracingLab.LinkCompare.Statistics;

/// <summary>An estimate with its confidence interval, in milliseconds.</summary>
/// <param name="Estimate">The figure computed from the run's own samples.</param>
/// <param name="Low">The interval's lower bound.</param>
/// <param name="High">The interval's upper bound.</param>
public readonly record struct Interval(double Estimate, double Low, double High)
{
    /// <summary>True when the interval lies wholly above or wholly below 0.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;

    /// <summary>High − Low.</summary>
    public double Width => High - Low;
}
