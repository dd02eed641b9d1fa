using System.Globalization;

namespace TracingLab.LinkCompare.Statistics;

/// <summary>The difference of one percentile between two links on one hop (or end to end), with its interval and a verdict in words.</summary>
/// <param name="Hop">The hop, or end-to-end.</param>
/// <param name="LinkA">The first link.</param>
/// <param name="LinkB">The second link; the difference is A − B.</param>
/// <param name="Percentile">"p50" or "p99".</param>
/// <param name="CountA">Samples of A.</param>
/// <param name="CountB">Samples of B.</param>
/// <param name="Difference">A − B with interval; null when either side has too few samples.</param>
public sealed record PairDifference(string Hop, string LinkA, string LinkB, string Percentile, int CountA, int CountB, Interval? Difference)
{
    /// <summary>True when the interval excludes 0.</summary>
    public bool Distinguishable => Difference is { ExcludesZero: true };

    /// <summary>e.g. "tgw vs peering on servicea→serviceb: p50 +0.110 ms [+0.060, +0.160] — distinguishable on this run".</summary>
    public string Sentence
    {
        get
        {
            var head = $"{LinkA} vs {LinkB} on {Hop}: {Percentile}";
            if (Difference is not { } d)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{head} — not enough samples (n = {CountA} and {CountB}; at least {BootstrapSettings.MinSamples} each needed)");
            }

            var verdict = d.ExcludesZero ? "distinguishable on this run" : "not distinguishable on this run (the interval includes 0)";
            return $"{head} {WithSign(d.Estimate)} ms [{WithSign(d.Low)}, {WithSign(d.High)}] — {verdict}";
        }
    }

    /// <summary>A signed figure with three decimals and a true minus sign: +0.110, −0.040, 0.000.</summary>
    public static string WithSign(double value)
    {
        var rounded = Math.Round(value, Interval.Decimals);
        var text = Math.Abs(rounded).ToString("F3", CultureInfo.InvariantCulture);
        return rounded > 0 ? "+" + text : rounded < 0 ? "\u2212" + text : text;
    }
}
