namespace TracingLab.LinkCompare.Statistics;

/// <summary>
/// Percentile bootstrap of a quantile and of the difference of one quantile between two independent samples:
/// resample with replacement, take the quantile of each resample, and read the interval off the resampled
/// quantiles' (1−c)/2 and (1+c)/2 quantiles. Deterministic for a given seed. Quantiles interpolate linearly
/// between order statistics (Hyndman–Fan type 7, as R and NumPy default to).
/// </summary>
public static class Bootstrap
{
    /// <summary>The <paramref name="q"/> quantile (0..1) of <paramref name="sorted"/> (ascending, not empty).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var h = (sorted.Length - 1) * Math.Clamp(q, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The <paramref name="q"/> quantile of <paramref name="samples"/> with its interval, or null with fewer than <see cref="BootstrapSettings.MinSamples"/> samples.</summary>
    public static Interval? Percentile(IReadOnlyList<float> samples, double q, BootstrapSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(settings);
        if (samples.Count < BootstrapSettings.MinSamples)
        {
            return null;
        }

        var sorted = Sorted(samples);
        var random = new Random(seed);
        var indices = new int[sorted.Length];
        var estimates = new double[settings.Resamples];
        for (var r = 0; r < estimates.Length; r++)
        {
            estimates[r] = ResampledQuantile(sorted, indices, q, random);
        }

        return Read(Quantile(sorted, q), estimates, settings.Confidence);
    }

    /// <summary>
    /// quantile(a) − quantile(b) with its interval (a and b resampled independently), or null when either has fewer
    /// than <see cref="BootstrapSettings.MinSamples"/> samples.
    /// </summary>
    public static Interval? PercentileDifference(IReadOnlyList<float> a, IReadOnlyList<float> b, double q, BootstrapSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(settings);
        if (a.Count < BootstrapSettings.MinSamples || b.Count < BootstrapSettings.MinSamples)
        {
            return null;
        }

        var sa = Sorted(a);
        var sb = Sorted(b);
        var random = new Random(seed);
        var ia = new int[sa.Length];
        var ib = new int[sb.Length];
        var estimates = new double[settings.Resamples];
        for (var r = 0; r < estimates.Length; r++)
        {
            estimates[r] = ResampledQuantile(sa, ia, q, random) - ResampledQuantile(sb, ib, q, random);
        }

        return Read(Quantile(sa, q) - Quantile(sb, q), estimates, settings.Confidence);
    }

    /// <summary>A stable (process-independent) seed for one series: FNV-1a of its name mixed with the run's seed.</summary>
    public static int SeedFor(int seed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 2166136261u ^ (uint)seed;
        foreach (var ch in name)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }

    private static double[] Sorted(IReadOnlyList<float> samples)
    {
        var values = new double[samples.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = samples[i];
        }

        Array.Sort(values);
        return values;
    }

    // A resample is a count per slot of the sorted sample (how often each value was drawn); walking the counts in
    // order finds the resample's order statistics in O(n), without sorting the resample.
    private static double ResampledQuantile(double[] sorted, int[] counts, double q, Random random)
    {
        Array.Clear(counts);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[random.Next(sorted.Length)]++;
        }

        var h = (counts.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, counts.Length - 1);
        double low = 0, high = 0;
        var seen = 0;
        for (var slot = 0; slot < counts.Length; slot++)
        {
            var before = seen;
            seen += counts[slot];
            if (before <= lo && lo < seen)
            {
                low = sorted[slot];
            }

            if (before <= hi && hi < seen)
            {
                high = sorted[slot];
                break;
            }
        }

        return low + ((h - lo) * (high - low));
    }

    private static Interval Read(double estimate, double[] resampled, double confidence)
    {
        Array.Sort(resampled);
        var tail = (1 - confidence) / 2;
        return new Interval(estimate, Quantile(resampled, tail), Quantile(resampled, 1 - tail));
    }
}
