namespace TracingLab.Dashboard;

/// <summary>Everything the dashboard needs to start; validated by <see cref="DashboardOptionsValidator"/>.</summary>
public sealed class DashboardOptions
{
    /// <summary>UI and telemetry API. "http://127.0.0.1:0" picks an ephemeral port.</summary>
    public string UiUrl { get; set; } = "http://127.0.0.1:18888";

    /// <summary>OTLP/gRPC intake; HTTP/2 only (h2c), as OTLP exporters speak it without TLS.</summary>
    public string OtlpGrpcUrl { get; set; } = "http://127.0.0.1:18889";

    /// <summary>OTLP/HTTP intake (/v1/traces, /v1/logs, /v1/metrics); HTTP/1.1 and HTTP/2.</summary>
    public string OtlpHttpUrl { get; set; } = "http://127.0.0.1:18890";

    /// <summary>Token for /login?t=...; null generates one.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>Value of the x-api-key header the telemetry API requires; null generates one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Value of the x-otlp-api-key header OTLP intake requires; null leaves intake open.</summary>
    public string? OtlpPrimaryApiKey { get; set; }

    /// <summary>A second accepted OTLP key, so a key can be rotated without downtime.</summary>
    public string? OtlpSecondaryApiKey { get; set; }

    /// <summary>No browser token for the UI and no key for the telemetry API.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Largest OTLP request body accepted, on gRPC and HTTP.</summary>
    public int MaxOtlpMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Traces kept per resource (Aspire's default); the oldest are evicted first.</summary>
    public int MaxTracesPerResource { get; set; } = 10_000;

    /// <summary>Log records kept per resource (Aspire's default); the oldest are evicted first.</summary>
    public int MaxLogsPerResource { get; set; } = 10_000;

    /// <summary>Metric points kept per resource (Aspire's default); the oldest are evicted first.</summary>
    public int MaxMetricPointsPerResource { get; set; } = 50_000;

    /// <summary>SQLite file for the run history (--storage); null keeps telemetry in memory only.</summary>
    public string? StoragePath { get; set; }

    /// <summary>How many runs the history keeps; older runs are deleted at start.</summary>
    public int KeepRuns { get; set; } = 10;
}
