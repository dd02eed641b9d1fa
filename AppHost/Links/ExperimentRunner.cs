using TracingLab.Contracts.Faults;
using TracingLab.Contracts.LinksFeed;
using TracingLab.Relay;
using TracingLab.Relay.Faults;

namespace TracingLab.AppHost.Links;

/// <summary>
/// Plays an experiment's timeline (<c>--experiment file.json</c>) on the link relays: each fault is injected at its
/// start and cleared after its duration, on <paramref name="time"/>'s clock (a fake one in tests). A fault it clears
/// is only its own: faults set from the dashboard or <c>--link-faults</c> stay.
/// </summary>
/// <param name="experiment">A checked experiment (<see cref="Experiment.TryLoad"/>).</param>
/// <param name="time">The clock the timeline runs on.</param>
public sealed class ExperimentRunner(Experiment experiment, TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _startedAt;
    private long _waitingForTicks = -1;

    /// <summary>The experiment played.</summary>
    public Experiment Experiment { get; } = experiment ?? throw new ArgumentNullException(nameof(experiment));

    /// <summary>When the timeline started, or null before <see cref="RunAsync"/>.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            lock (_lock)
            {
                return _startedAt;
            }
        }
    }

    /// <summary>
    /// The timeline offset of the step the runner waits for, once its timer is set; null otherwise. A test moves a
    /// fake clock only after seeing it, since a timer set after the clock moved would be due that much later.
    /// </summary>
    internal TimeSpan? WaitingFor => Volatile.Read(ref _waitingForTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;

    /// <summary>The experiment as the links feed carries it: its fault windows as times once started.</summary>
    public ExperimentSnapshot Snapshot()
    {
        var started = StartedAt;
        IReadOnlyList<FaultWindow> windows = started is not { } at
            ? []
            : [.. Experiment.Faults.Select(f => FaultWindow.From(f, at, "experiment " + Experiment.Name))];
        return new ExperimentSnapshot(Experiment.Name, Experiment.Description, started, windows);
    }

    /// <summary>
    /// Starts the timeline now and plays it to its end: applies and clears each fault on the relays
    /// <paramref name="relaysOf"/>(link) gives, then calls <paramref name="changed"/>(link) so the link's state is
    /// published. Ends when the last fault is cleared, or when <paramref name="ct"/> is cancelled (the lab stopping).
    /// </summary>
    public async Task RunAsync(Func<string, IReadOnlyList<TcpRelay>> relaysOf, Func<string, Task> changed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(relaysOf);
        ArgumentNullException.ThrowIfNull(changed);
        var origin = time.GetTimestamp();
        lock (_lock)
        {
            if (_startedAt is not null)
            {
                throw new InvalidOperationException($"Experiment '{Experiment.Name}' has already started.");
            }

            _startedAt = time.GetUtcNow();
        }

        var applied = new Dictionary<int, IReadOnlyList<RelayFault>>();
        foreach (var step in Timeline(Experiment))
        {
            var wait = step.At - time.GetElapsedTime(origin);
            if (wait > TimeSpan.Zero)
            {
                var delay = Task.Delay(wait, time, ct);
                Volatile.Write(ref _waitingForTicks, step.At.Ticks);
                try
                {
                    await delay.ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _waitingForTicks, -1);
                }
            }

            var fault = Experiment.Faults[step.Index];
            var relays = relaysOf(fault.Link);
            if (step.Apply)
            {
                applied[step.Index] = LinkFaultActions.Inject(relays, fault);
            }
            else if (applied.Remove(step.Index, out var faults))
            {
                LinkFaultActions.Clear(relays, faults);
            }

            await changed(fault.Link).ConfigureAwait(false);
        }
    }

    // Every start and end in time order; at one instant ends come first, so a window that follows another of the
    // same kind on the same link replaces it instead of adding to it.
    private static IEnumerable<(TimeSpan At, bool Apply, int Index)> Timeline(Experiment experiment) =>
        experiment.Faults
            .SelectMany((f, i) => new[] { (At: f.Start ?? TimeSpan.Zero, Apply: true, Index: i), (At: f.End ?? TimeSpan.Zero, Apply: false, Index: i) })
            .OrderBy(s => s.At)
            .ThenBy(s => s.Apply)
            .ThenBy(s => s.Index);
}
