using Aspire.Hosting.ApplicationModel;

namespace TracingLab.AppHost.Restart;

/// <summary>Marks a resource that is started again when it crashes, after <paramref name="FirstDelay"/> doubling per crash.</summary>
/// <param name="FirstDelay">The delay before the first restart; each consecutive crash doubles it, up to <see cref="MaxDelay"/>.</param>
public sealed record AutoRestartAnnotation(TimeSpan FirstDelay) : IResourceAnnotation
{
    /// <summary>The longest delay between a crash and the restart.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Running this long without a crash resets the delay to <see cref="FirstDelay"/>.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    /// <summary>The delay before restart number <paramref name="crashesInARow"/> (1-based).</summary>
    public TimeSpan DelayFor(int crashesInARow) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * (1L << Math.Clamp(crashesInARow - 1, 0, 20))));
}
