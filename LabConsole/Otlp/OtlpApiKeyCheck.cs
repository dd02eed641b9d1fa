using TracingLab.Dashboard.Hosting;

namespace TracingLab.Dashboard.Otlp;

/// <summary>The optional x-otlp-api-key check shared by gRPC and HTTP intake (primary or secondary key).</summary>
internal sealed class OtlpApiKeyCheck(DashboardOptions options)
{
    public const string HeaderName = "x-otlp-api-key";

    public bool IsOpen => options.OtlpPrimaryApiKey is null;

    public bool Accepts(string? presented) =>
        IsOpen || DashboardSecrets.Matches(presented, options.OtlpPrimaryApiKey)
        || (options.OtlpSecondaryApiKey is not null && DashboardSecrets.Matches(presented, options.OtlpSecondaryApiKey));
}
