namespace TracingLab.LinkCompare.Hops;

/// <summary>The lab's hops in call order (A→B, B→C, A→C); unknown hops sort after them.</summary>
public static class HopOrder
{
    /// <summary>The known hops, in the order the probe makes them.</summary>
    public static IReadOnlyList<string> Known { get; } = ["servicea→serviceb", "serviceb→servicec", "servicea→servicec"];

    /// <summary>The position of <paramref name="hop"/> in <see cref="Known"/>, or <see cref="Known"/>.Count.</summary>
    public static int Rank(string hop)
    {
        for (var i = 0; i < Known.Count; i++)
        {
            if (string.Equals(Known[i], hop, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Known.Count;
    }
}
