using System.Security.Cryptography;

namespace TracingLab.Dashboard.Hosting;

/// <summary>Fills in generated secrets and compares presented ones in constant time.</summary>
internal static class DashboardSecrets
{
    /// <summary>A copy of the options with BrowserToken and ApiKey generated when they are null.</summary>
    public static DashboardOptions Complete(DashboardOptions options) => new()
    {
        UiUrl = options.UiUrl,
        OtlpGrpcUrl = options.OtlpGrpcUrl,
        OtlpHttpUrl = options.OtlpHttpUrl,
        BrowserToken = options.BrowserToken ?? Generate(),
        ApiKey = options.ApiKey ?? Generate(),
        OtlpPrimaryApiKey = options.OtlpPrimaryApiKey,
        OtlpSecondaryApiKey = options.OtlpSecondaryApiKey,
        AllowAnonymous = options.AllowAnonymous,
        MaxOtlpMessageBytes = options.MaxOtlpMessageBytes,
        MaxTracesPerResource = options.MaxTracesPerResource,
        MaxLogsPerResource = options.MaxLogsPerResource,
        MaxMetricPointsPerResource = options.MaxMetricPointsPerResource,
        StoragePath = options.StoragePath,
        KeepRuns = options.KeepRuns,
    };

    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool Matches(string? presented, string? expected) =>
        presented is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
