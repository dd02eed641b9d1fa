namespace TracingLab.ServiceB.Analysis;

/// <summary>Scores an order's risk from how much of the stock it takes and how much it is worth.</summary>
public static class OrderScorer
{
    /// <summary>At or above this score an order is held for review.</summary>
    public const int ReviewThreshold = 70;

    /// <summary>Scores the lines; each line's share of available stock and the order's value both raise the risk.</summary>
    public static OrderAnalysis Score(IReadOnlyList<LineAnalysis> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var total = lines.Sum(l => l.Amount);
        var worstShare = lines.Count == 0 ? 0 : lines.Max(l => l.Available == 0 ? 1.0 : Math.Min(1.0, (double)l.Quantity / l.Available));
        var valueRisk = Math.Min(1.0, (double)total / 1000);
        var score = (int)Math.Round((worstShare * 70) + (valueRisk * 30));
        var decision = worstShare >= 1.0 ? "reject" : score >= ReviewThreshold ? "review" : "accept";
        return new OrderAnalysis(score, decision, total, lines);
    }
}
