namespace TracingLab.LinkCompare.Faults;

/// <summary>
/// Reads the parts of a relay's fault description (<c>"{kind} {parameters} ({direction})"</c>, e.g.
/// <c>loss 5%, each loss one RTO from 200 ms (both ways)</c>) for a window inferred from active faults.
/// </summary>
public static class ActiveFaultText
{
    /// <summary>The parameters in the relay's words and the direction as the option text names it (both, request, response).</summary>
    public static (string Parameters, string Direction) Split(string kind, string description)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var text = (description ?? "").Trim();
        var direction = "both";
        var open = text.LastIndexOf(" (", StringComparison.Ordinal);
        if (open >= 0 && text.EndsWith(')'))
        {
            var words = text[(open + 2)..^1];
            direction = words switch
            {
                "caller→callee" => "request",
                "callee→caller" => "response",
                _ => "both",
            };
            text = text[..open];
        }

        if (text.StartsWith(kind, StringComparison.Ordinal))
        {
            text = text[kind.Length..].TrimStart();
        }

        return (text, direction);
    }
}
