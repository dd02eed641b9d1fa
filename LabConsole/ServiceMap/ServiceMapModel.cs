namespace TracingLab.LabConsole.ServiceMap;

/// <summary>Services as nodes, calls between them as edges (one per link), with call statistics.</summary>
public sealed record ServiceMapModel(IReadOnlyList<ServiceNode> Nodes, IReadOnlyList<ServiceEdge> Edges);

public sealed record ServiceNode(string Name, int SpanCount, int ErrorCount);

/// <param name="Link">The lab.link the calls took, or "direct" when spans carry none.</param>
/// <param name="ErrorRate">0..1.</param>
public sealed record ServiceEdge(string From, string To, string Link, int Count, double ErrorRate, double P50Ms, double P99Ms);
