namespace TracingLab.Dashboard;

/// <summary>Checks every option at start and reports all problems at once, each naming the value and what is allowed.</summary>
public static class DashboardOptionsValidator
{
    public static IReadOnlyList<string> Validate(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckUrl(errors, nameof(options.UiUrl), options.UiUrl);
        CheckUrl(errors, nameof(options.OtlpGrpcUrl), options.OtlpGrpcUrl);
        CheckUrl(errors, nameof(options.OtlpHttpUrl), options.OtlpHttpUrl);
        CheckRange(errors, nameof(options.MaxOtlpMessageBytes), options.MaxOtlpMessageBytes, 1024, 256 * 1024 * 1024);
        CheckRange(errors, nameof(options.MaxTracesPerResource), options.MaxTracesPerResource, 1, 10_000_000);
        CheckRange(errors, nameof(options.MaxLogsPerResource), options.MaxLogsPerResource, 1, 10_000_000);
        CheckRange(errors, nameof(options.MaxMetricPointsPerResource), options.MaxMetricPointsPerResource, 1, 50_000_000);
        CheckRange(errors, nameof(options.KeepRuns), options.KeepRuns, 1, 1000);
        CheckSecret(errors, nameof(options.BrowserToken), options.BrowserToken);
        CheckSecret(errors, nameof(options.ApiKey), options.ApiKey);
        CheckSecret(errors, nameof(options.OtlpPrimaryApiKey), options.OtlpPrimaryApiKey);
        CheckSecret(errors, nameof(options.OtlpSecondaryApiKey), options.OtlpSecondaryApiKey);
        if (options.OtlpSecondaryApiKey is not null && options.OtlpPrimaryApiKey is null)
        {
            errors.Add("OtlpSecondaryApiKey is set but OtlpPrimaryApiKey is not; set the primary key first.");
        }

        return errors;
    }

    public static void ThrowIfInvalid(DashboardOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid dashboard options:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(options));
        }
    }

    private static void CheckUrl(List<string> errors, string name, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || (uri.AbsolutePath != "/" && uri.AbsolutePath.Length > 0))
        {
            errors.Add($"{name} '{value}' is not allowed; expected http://<ip or localhost>:<port 0-65535> with no path (TLS is not supported).");
            return;
        }

        if (uri.Host != "localhost" && !System.Net.IPAddress.TryParse(uri.Host, out _))
        {
            errors.Add($"{name} '{value}' names host '{uri.Host}'; expected an IP address (127.0.0.1 by default, 0.0.0.0 to listen on all interfaces) or localhost.");
        }
    }

    private static void CheckRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value}; allowed: {min}..{max}.");
        }
    }

    private static void CheckSecret(List<string> errors, string name, string? value)
    {
        if (value is not null && (value.Length == 0 || value.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{name} must be a non-empty value without whitespace (or unset to generate/disable it).");
        }
    }
}
