namespace TracingLab.LinkCompare.Tool;

/// <summary>The compare command's validated settings.</summary>
internal sealed record CompareOptions(
    Uri? Target,
    Uri? Dashboard,
    Uri? Console,
    string? ApiKey,
    IReadOnlyList<string> Links,
    double Rate,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Timeout,
    string OutDirectory,
    string? PricesFile,
    int AvailabilityZones,
    TimeSpan TraceWait,
    int TraceSample,
    TimeSpan SpinWindow,
    bool SelfBench,
    bool Help,
    bool Floor = true,
    int Resamples = Statistics.BootstrapSettings.DefaultResamples,
    double Confidence = Statistics.BootstrapSettings.DefaultConfidence,
    int Seed = Statistics.BootstrapSettings.DefaultSeed,
    bool AutoWarmup = false)
{
    /// <summary>The longest automatic warm-up (<c>--warmup auto</c>); <see cref="Warmup"/> holds it when <see cref="AutoWarmup"/>.</summary>
    public static readonly TimeSpan AutoWarmupLimit = TimeSpan.FromSeconds(60);

    /// <summary>One slice of the automatic warm-up.</summary>
    public static readonly TimeSpan AutoWarmupSlice = TimeSpan.FromSeconds(1);

    /// <summary>The self-bench's warm-up when <c>--warmup auto</c>: its responder is in-process and needs no settling.</summary>
    public static readonly TimeSpan SelfBenchWarmup = TimeSpan.FromSeconds(2);

    /// <summary>The local lab's Aspire dashboard, used when --dashboard is not given.</summary>
    public static readonly Uri DefaultDashboard = new("http://127.0.0.1:18888");

    /// <summary>The local lab's console, used when --console is not given.</summary>
    public static readonly Uri DefaultConsole = new("http://127.0.0.1:18880");

    /// <summary>A scheduler for <paramref name="duration"/> of this run's traffic on the real clock.</summary>
    public Load.OpenLoopScheduler Scheduler(TimeSpan duration) => Scheduler(duration, Links);

    /// <summary>A scheduler for <paramref name="duration"/> over <paramref name="links"/> (the links plus the floor) on the real clock.</summary>
    public Load.OpenLoopScheduler Scheduler(TimeSpan duration, IReadOnlyList<string> links) => new(new Load.OpenLoopPlan(links, Rate, duration), TimeProvider.System, SpinWindow);

    /// <summary>"local" with the Aspire dashboard or the lab console, "aws" with --dashboard none --console none.</summary>
    public string Environment => Dashboard is null && Console is null ? "aws" : "local";
}
