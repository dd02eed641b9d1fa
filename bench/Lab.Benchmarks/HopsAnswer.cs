namespace TracingLab.Lab.Benchmarks;

/// <summary>What the benchmarks read of servicea's <c>/lab/hops</c> answer.</summary>
internal sealed record HopsAnswer(string TraceId, List<HopAnswer> Hops);

/// <summary>One hop of a <see cref="HopsAnswer"/>.</summary>
internal sealed record HopAnswer(string From, string To, int Status, double ElapsedMs);
