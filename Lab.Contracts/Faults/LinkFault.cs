namespace TracingLab.Contracts.Faults;

/// <summary>
/// One fault on one link: what it does (<see cref="Parameters"/>), which way, and when. <see cref="Start"/> and
/// <see cref="Duration"/> are null for a fault set from the option text or the dashboard: active until cleared.
/// </summary>
/// <param name="Link">One of <see cref="Links.LinkNames.All"/>.</param>
/// <param name="Parameters">The kind and its values.</param>
/// <param name="Direction">Which bytes it applies to.</param>
/// <param name="Start">Offset from the experiment's start, or null.</param>
/// <param name="Duration">How long it lasts, or null.</param>
public sealed record LinkFault(
    string Link,
    FaultParameters Parameters,
    FaultDirection Direction = FaultDirection.Both,
    TimeSpan? Start = null,
    TimeSpan? Duration = null)
{
    /// <summary>The kind of <see cref="Parameters"/>.</summary>
    public FaultKind Kind => Parameters.Kind;

    /// <summary>When the fault ends, from the experiment's start; null when it lasts until cleared.</summary>
    public TimeSpan? End => Duration is { } duration ? (Start ?? TimeSpan.Zero) + duration : null;

    /// <summary>The fault in the option text's form, e.g. <c>peering=latency:200ms~50ms@response</c>; it parses back.</summary>
    public override string ToString() => FaultText.Format(this);
}
