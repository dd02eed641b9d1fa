namespace TracingLab.LinkCompare.Statistics;

/// <summary>How intervals are computed: resamples, confidence level and the seed that makes them reproducible.</summary>
/// <param name="Resamples">Bootstrap resamples (100 to 100000).</param>
/// <param name="Confidence">Confidence level (0.5 to 0.999).</param>
/// <param name="Seed">The seed; the same samples and seed give the same interval.</param>
public sealed record BootstrapSettings(int Resamples = BootstrapSettings.DefaultResamples, double Confidence = BootstrapSettings.DefaultConfidence, int Seed = BootstrapSettings.DefaultSeed)
{
    /// <summary>Default resamples.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Default confidence level.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>Default seed.</summary>
    public const int DefaultSeed = 15;

    /// <summary>Fewest samples an interval is computed from; below it the figure says "not enough samples".</summary>
    public const int MinSamples = 10;
}
