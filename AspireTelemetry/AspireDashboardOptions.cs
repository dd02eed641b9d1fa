namespace TracingLab.AspireTelemetry;

/// <summary>Where the Aspire dashboard is and the key its telemetry API wants (the lab console fills it from its own options).</summary>
public sealed class AspireDashboardOptions
{
    /// <summary>The dashboard's base URL.</summary>
    public string DashboardUrl { get; set; } = "http://127.0.0.1:18888";

    /// <summary>The dashboard's API key, sent as <c>x-api-key</c>; none for an unsecured dashboard.</summary>
    public string? ApiKey { get; set; }
}
