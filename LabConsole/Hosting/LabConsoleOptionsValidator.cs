using Microsoft.Extensions.Options;
using TracingLab.Contracts.Text;

namespace TracingLab.LabConsole.Hosting;

/// <summary>Checks every option at start and reports all problems at once, each naming the key, the value and what is allowed.</summary>
public sealed class LabConsoleOptionsValidator : IValidateOptions<LabConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, LabConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckUrl(errors, nameof(options.DashboardUrl), options.DashboardUrl, required: true);
        CheckUrl(errors, nameof(options.ServiceAUrl), options.ServiceAUrl, required: true);
        CheckUrl(errors, nameof(options.LinksFeedUrl), options.LinksFeedUrl, required: false);
        CheckUrl(errors, nameof(options.DashboardOtlpUrl), options.DashboardOtlpUrl, required: false);
        CheckRange(errors, $"{nameof(options.TypedTraces)}:{nameof(TypedTraceOptions.Capacity)}", options.TypedTraces.Capacity, 1, 1_000_000);
        CheckRange(errors, $"{nameof(options.TypedTraces)}:{nameof(TypedTraceOptions.MaxSpansPerTrace)}", options.TypedTraces.MaxSpansPerTrace, 1, 1_000_000);
        if (!options.AllowAnonymous)
        {
            CheckSecret(errors, nameof(options.ApiKey), options.ApiKey, "the Aspire dashboard's telemetry API key (AppHost:DashboardApiKey)");
            CheckSecret(errors, nameof(options.BrowserToken), options.BrowserToken, "the Aspire dashboard's browser token (AppHost:BrowserToken)");
            if (!string.IsNullOrEmpty(options.DashboardOtlpUrl))
            {
                CheckSecret(errors, nameof(options.OtlpApiKey), options.OtlpApiKey, "the Aspire dashboard's OTLP API key (AppHost:OtlpApiKey), given with DashboardOtlpUrl");
            }
        }

        if (!string.IsNullOrEmpty(options.LinksFeedUrl))
        {
            CheckSecret(errors, nameof(options.LinksFeedKey), options.LinksFeedKey, "the links feed's key, given with LinksFeedUrl");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Key(string property) => $"{LabConsoleOptions.Section}:{property}";

    private static void CheckUrl(List<string> errors, string property, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value) && !required)
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.PathAndQuery != "/")
        {
            errors.Add($"{Key(property)} is {Quoted.Value(value)}; allowed: an http:// or https:// URL with no path, such as http://127.0.0.1:18888{(required ? "" : ", or empty for none")}");
        }
    }

    private static void CheckRange(List<string> errors, string property, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Key(property)} is {value}; allowed: {min} to {max}");
        }
    }

    private static void CheckSecret(List<string> errors, string property, string? value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Any(char.IsWhiteSpace))
        {
            // A secret is never echoed: only whether it was empty or held whitespace.
            var given = string.IsNullOrEmpty(value) ? "empty" : "a value containing whitespace";
            errors.Add($"{Key(property)} is {given}; allowed: {what}, non-empty without whitespace{(property is nameof(LabConsoleOptions.LinksFeedKey) or nameof(LabConsoleOptions.OtlpApiKey) ? "" : $", or {Key(nameof(LabConsoleOptions.AllowAnonymous))}=true")}");
        }
    }
}
