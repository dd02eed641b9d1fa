namespace TracingLab.LinkCompare.Load;

/// <summary>
/// Decides when an automatic warm-up may end. Freshly started services answer several times slower than warm ones
/// for their first thousand or so requests (the JIT compiles their hot paths again, optimised, while they run:
/// docs/benchmarks.md), so a fixed short warm-up would put that drift into the measured run and into the comparison.
/// The warm-up runs in slices; each slice's median latency is compared with the one before. It is steady when
/// <see cref="StableSlices"/> slices in a row moved by at most <see cref="Tolerance"/> (relative) or
/// <see cref="AbsoluteToleranceMs"/>, whichever is larger, after at least <see cref="MinSlices"/> slices.
/// </summary>
public sealed class WarmupWatch
{
    /// <summary>The relative change between consecutive slice medians still counted as steady.</summary>
    public const double Tolerance = 0.10;

    /// <summary>The absolute change (ms) still counted as steady, for sub-millisecond medians.</summary>
    public const double AbsoluteToleranceMs = 0.05;

    /// <summary>Consecutive steady comparisons needed.</summary>
    public const int StableSlices = 2;

    /// <summary>Slices always run, whatever their medians.</summary>
    public const int MinSlices = 3;

    private readonly List<double> _medians = [];
    private int _stable;

    /// <summary>Each slice's median latency in ms, in order (NaN for a slice without successful answers).</summary>
    public IReadOnlyList<double> Medians => _medians;

    /// <summary>True once the medians have settled.</summary>
    public bool IsSteady => _medians.Count >= MinSlices && _stable >= StableSlices;

    /// <summary>Adds one slice's latencies (ms, successful answers only); returns <see cref="IsSteady"/>.</summary>
    public bool AddSlice(IReadOnlyCollection<double> latenciesMs)
    {
        ArgumentNullException.ThrowIfNull(latenciesMs);
        var median = Median(latenciesMs);
        if (_medians.Count > 0 && _medians[^1] is var previous && !double.IsNaN(previous) && !double.IsNaN(median))
        {
            var allowed = Math.Max(Tolerance * previous, AbsoluteToleranceMs);
            _stable = Math.Abs(median - previous) <= allowed ? _stable + 1 : 0;
        }
        else
        {
            _stable = 0;
        }

        _medians.Add(median);
        return IsSteady;
    }

    private static double Median(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? double.NaN : Statistics.Bootstrap.Quantile(values.Order().ToArray(), 0.5);
}
