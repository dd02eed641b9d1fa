namespace TracingLab.LabConsole.Hosting;

/// <summary>
/// Configuration section <see cref="Section"/>, set by the AppHost (<c>LabConsole__*</c> variables); validated at
/// start by <see cref="LabConsoleOptionsValidator"/>.
/// </summary>
public sealed class LabConsoleOptions
{
    public const string Section = "LabConsole";

    /// <summary>The Aspire dashboard, whose telemetry API is the console's only source of spans.</summary>
    public string DashboardUrl { get; set; } = "http://127.0.0.1:18888";

    /// <summary>Service A, the lab's entry point, where the AppHost started it (under --random-ports on a port of its choosing).</summary>
    public string ServiceAUrl { get; set; } = "http://127.0.0.1:5101";

    /// <summary>The dashboard's telemetry API key, sent as x-api-key; the console's API asks its clients for the same key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The dashboard's browser token; the console's <c>/login?t=</c> takes the same token.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>True when the Aspire dashboard runs unsecured (ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS): UI and API open.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The AppHost's links feed (relays and flow records); empty for none.</summary>
    public string? LinksFeedUrl { get; set; }

    /// <summary>The key the links feed asks for (header x-lab-feed-key).</summary>
    public string? LinksFeedKey { get; set; }

    /// <summary>
    /// The Aspire dashboard's OTLP/HTTP endpoint (ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL), where the console's OTLP
    /// intake forwards every request unchanged; empty: the intake keeps spans and answers itself, forwarding nothing.
    /// </summary>
    public string? DashboardOtlpUrl { get; set; }

    /// <summary>
    /// The dashboard's OTLP API key (AppHost:OtlpApiKey), sent as x-otlp-api-key: the intake asks the services for it
    /// and forwards with it, as the dashboard's own intake would.
    /// </summary>
    public string? OtlpApiKey { get; set; }

    /// <summary>The ring of recent traces the intake keeps with their attribute types.</summary>
    public TypedTraceOptions TypedTraces { get; set; } = new();
}

/// <summary>Section <c>LabConsole:TypedTraces</c>: how much of what the intake received the console keeps.</summary>
public sealed class TypedTraceOptions
{
    /// <summary>Traces kept; the oldest (by first span received) is evicted first.</summary>
    public int Capacity { get; set; } = 2000;

    /// <summary>Spans kept per trace; later ones are counted as dropped, so one runaway trace cannot fill memory.</summary>
    public int MaxSpansPerTrace { get; set; } = 2000;
}
