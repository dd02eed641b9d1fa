using TracingLab.ServiceDefaults.Contracts;

namespace TracingLab.ServiceB.Analysis;

/// <summary>An order to score.</summary>
public sealed record AnalysisRequest(IReadOnlyList<OrderLine>? Lines);

/// <summary>The item details read from servicec.</summary>
public sealed record StockLevel(string Sku, string Name, int Available, int Reserved, decimal UnitPrice);

/// <summary>A scored line.</summary>
public sealed record LineAnalysis(string Sku, int Quantity, int Available, decimal Amount);

/// <summary>The analysis: a 0–100 risk score, the decision and the total.</summary>
public sealed record OrderAnalysis(int Score, string Decision, decimal Total, IReadOnlyList<LineAnalysis> Lines);
