namespace TracingLab.Contracts.Faults;

/// <summary>The names of <see cref="FaultKind"/> as users write them: <c>latency</c>, <c>jitter</c>, ...</summary>
public static class FaultKinds
{
    /// <summary>Every kind, in the order the docs list them.</summary>
    public static IReadOnlyList<FaultKind> All { get; } =
        [FaultKind.Latency, FaultKind.Jitter, FaultKind.Loss, FaultKind.Blackhole, FaultKind.Reset, FaultKind.Bandwidth];

    /// <summary>The kinds' names joined for an error message.</summary>
    public static string Allowed => string.Join(", ", All.Select(Name));

    /// <summary>The lower-case name of <paramref name="kind"/>, as written in the option text and files.</summary>
    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.Latency => "latency",
        FaultKind.Jitter => "jitter",
        FaultKind.Loss => "loss",
        FaultKind.Blackhole => "blackhole",
        FaultKind.Reset => "reset",
        FaultKind.Bandwidth => "bandwidth",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fault kind."),
    };

    /// <summary>The kind named <paramref name="name"/> (ordinal: names are lower case), or null.</summary>
    public static FaultKind? Find(string name)
    {
        foreach (var kind in All)
        {
            if (string.Equals(Name(kind), name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}
