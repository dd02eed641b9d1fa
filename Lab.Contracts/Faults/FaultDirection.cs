namespace TracingLab.Contracts.Faults;

/// <summary>Which way through a link a fault applies, seen from the caller.</summary>
public enum FaultDirection
{
    /// <summary>Caller to callee and back (the default).</summary>
    Both,

    /// <summary>Caller to callee: the request bytes.</summary>
    Request,

    /// <summary>Callee to caller: the response bytes.</summary>
    Response,
}

/// <summary>The names of <see cref="FaultDirection"/>: <c>both</c>, <c>request</c>, <c>response</c>.</summary>
public static class FaultDirections
{
    /// <summary>Every direction, default first.</summary>
    public static IReadOnlyList<FaultDirection> All { get; } = [FaultDirection.Both, FaultDirection.Request, FaultDirection.Response];

    /// <summary>The directions' names joined for an error message.</summary>
    public static string Allowed => string.Join(", ", All.Select(Name));

    /// <summary>The lower-case name of <paramref name="direction"/>.</summary>
    public static string Name(FaultDirection direction) => direction switch
    {
        FaultDirection.Both => "both",
        FaultDirection.Request => "request",
        FaultDirection.Response => "response",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a fault direction."),
    };

    /// <summary>The direction named <paramref name="name"/>, or null.</summary>
    public static FaultDirection? Find(string name) =>
        All.Select(d => (FaultDirection?)d).FirstOrDefault(d => string.Equals(Name(d!.Value), name, StringComparison.Ordinal));

    /// <summary>Whether two directions share bytes: <c>both</c> overlaps everything.</summary>
    public static bool Overlap(FaultDirection a, FaultDirection b) =>
        a == FaultDirection.Both || b == FaultDirection.Both || a == b;
}
