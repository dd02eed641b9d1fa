namespace TracingLab.LinkCompare.Load;

/// <summary>
/// Decides when an automatic warm-up may end. Freshly started services answer several times slower than warm ones
/// for their first thousand or so requests (the JIT compiles their hot paths again, optimised, while they run:
/// docs/benchmarks.md), so a fixed short warm-up would put that drift into the measured run and into the comparison.
/// The warm-up runs in slices, and the median of the last <see cref="Window"/> slices' medians is compared with that of
/// the <see cref="Window"/> before them: it is steady when the two differ by at most <see cref="Tolerance"/>
/// (relative) or <see cref="AbsoluteToleranceMs"/>, whichever is larger, each slice of the last window is as close to
/// its median, and every one of those slices had answers. A lab warms up slowly and by steps, so comparing only
/// neighbouring slices stops too early (docs/notes/link-compare-history.md).
/// </summary>
public sealed class WarmupWatch
{
    /// <summary>The relative change between the two windows' medians still counted as steady.</summary>
    public const double Tolerance = 0.10;

    /// <summary>The absolute change (ms) still counted as steady, for sub-millisecond medians.</summary>
    public const double AbsoluteToleranceMs = 0.05;

    /// <summary>Slices per window; the watch needs two windows, so the warm-up lasts at least twice this.</summary>
    public const int Window = 3;

    private readonly List<double> _medians = [];

    /// <summary>Each slice's median latency in ms, in order (NaN for a slice without successful answers).</summary>
    public IReadOnlyList<double> Medians => _medians;

    /// <summary>True once the medians have settled.</summary>
    public bool IsSteady
    {
        get
        {
            if (_medians.Count < 2 * Window)
            {
                return false;
            }

            var recent = _medians.Skip(_medians.Count - (2 * Window)).ToArray();
            if (recent.Any(double.IsNaN))
            {
                return false;
            }

            var lastWindow = recent[Window..];
            var last = Median(lastWindow);
            return Within(last, Median(recent[..Window])) && lastWindow.All(m => Within(m, last));
        }
    }

    /// <summary>Adds one slice's latencies (ms, successful answers only); returns <see cref="IsSteady"/>.</summary>
    public bool AddSlice(IReadOnlyCollection<double> latenciesMs)
    {
        ArgumentNullException.ThrowIfNull(latenciesMs);
        _medians.Add(Median(latenciesMs));
        return IsSteady;
    }

    private static bool Within(double value, double reference) =>
        Math.Abs(value - reference) <= Math.Max(Tolerance * reference, AbsoluteToleranceMs);

    private static double Median(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? double.NaN : Statistics.Bootstrap.Quantile(values.Order().ToArray(), 0.5);
}
