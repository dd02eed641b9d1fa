namespace TracingLab.Contracts.Telemetry;

/// <summary>The lab's own span attribute keys, written by the services and read by the console, X-Ray views and the comparison.</summary>
public static class LabAttributes
{
    /// <summary>The link a request travels over (also its baggage key), one of <see cref="Links.LinkNames.All"/>.</summary>
    public const string Link = "lab.link";

    /// <summary>The hop a client span times, e.g. <c>servicea→serviceb</c>.</summary>
    public const string Hop = "lab.hop";
}
