using TracingLab.Contracts.LinksFeed;

namespace TracingLab.LinkCompare.Faults;

/// <summary>How a window reads on the page, the report and the chart's tooltips.</summary>
public static class FaultWindowText
{
    /// <summary>
    /// A listed window as the option text (<c>peering=latency:200ms@response</c>, pasteable into <c>--link-faults</c>);
    /// an observed one in the relay's words, which are not option text (<c>tgw blackhole every byte held (both ways)</c>).
    /// </summary>
    public static string Describe(FaultWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Source == FaultWindow.Observed
            ? $"{window.Link} {window.Kind}{(window.Parameters.Length == 0 ? "" : " " + window.Parameters)} ({Direction(window.Direction)})"
            : window.ToString();
    }

    /// <summary>The direction in words: both ways, caller → callee, callee → caller.</summary>
    public static string Direction(string direction) => direction switch
    {
        "request" => "caller → callee",
        "response" => "callee → caller",
        _ => "both ways",
    };
}
