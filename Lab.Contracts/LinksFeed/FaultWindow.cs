using TracingLab.Contracts.Faults;

namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// When a fault was (or is) active on a link, as the links feed carries it in <see cref="LinksSnapshot.FaultWindows"/>
/// (JSON <c>faultWindows: [{link, kind, parameters, direction, start, end, source}]</c>). The AppHost lists the faults
/// of an experiment (and any other it set) with their wall-clock times; the lab console draws them as bands on the
/// Links page and the link comparison marks them in its report.
/// </summary>
/// <param name="Link">One of <see cref="Links.LinkNames.All"/>.</param>
/// <param name="Kind">latency, jitter, loss, blackhole, reset or bandwidth (<see cref="FaultKinds.Name"/>).</param>
/// <param name="Parameters">The parameters in the option text's form (<c>200ms~50ms</c>, <c>5%</c>, <c>after=64KiB</c>); empty for blackhole.</param>
/// <param name="Direction">both, request or response (<see cref="FaultDirections.Name"/>).</param>
/// <param name="Start">When the fault began to act on the link's relays (UTC); in the future for a scheduled one.</param>
/// <param name="End">When it stops (or stopped) acting; null while it lasts until cleared.</param>
/// <param name="Source">Who set it, e.g. <c>experiment mixed</c>, <c>--link-faults</c>, <c>dashboard</c>, or <c>observed</c> when a reader inferred the window from the active faults it polled; null when not said.</param>
public sealed record FaultWindow(
    string Link,
    string Kind,
    string Parameters,
    string Direction,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string? Source = null)
{
    /// <summary>The <see cref="Source"/> of a window a reader inferred from polled active faults (accurate to its poll interval).</summary>
    public const string Observed = "observed";

    /// <summary>
    /// The window of <paramref name="fault"/> when its offsets count from <paramref name="experimentStart"/>: an
    /// experiment's fault, or one set until cleared (null start and duration: from <paramref name="experimentStart"/>, open).
    /// </summary>
    public static FaultWindow From(LinkFault fault, DateTimeOffset experimentStart, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var start = experimentStart + (fault.Start ?? TimeSpan.Zero);
        return new FaultWindow(
            fault.Link, FaultKinds.Name(fault.Kind), ParametersOf(fault), FaultDirections.Name(fault.Direction),
            start, fault.End is { } end ? experimentStart + end : null, source);
    }

    /// <summary>Whether the window covers <paramref name="time"/> (start inclusive, end exclusive).</summary>
    public bool Covers(DateTimeOffset time) => time >= Start && (End is null || time < End);

    /// <summary>Whether the window and [<paramref name="from"/>, <paramref name="to"/>] share any moment.</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => Start <= to && (End is null || End > from);

    /// <summary>The fault as the option text writes it, e.g. <c>peering=latency:200ms@response</c>.</summary>
    public override string ToString() =>
        $"{Link}={Kind}{(Parameters.Length == 0 ? "" : ":" + Parameters)}{(Direction is "both" or "" ? "" : "@" + Direction)}";

    // LinkFault.ToString() is the option text (link=kind[:parameters][@direction]); the parameters are its middle.
    private static string ParametersOf(LinkFault fault)
    {
        var text = fault.ToString();
        var head = $"{fault.Link}={FaultKinds.Name(fault.Kind)}";
        var tail = fault.Direction == FaultDirection.Both ? "" : "@" + FaultDirections.Name(fault.Direction);
        var middle = text[head.Length..^tail.Length];
        return middle.StartsWith(':') ? middle[1..] : middle;
    }
}
