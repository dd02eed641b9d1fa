using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Hosting;

namespace TracingLab.LabConsole.Api;

/// <summary>
/// The console's API takes the Aspire dashboard's own API key (header x-api-key), so a script that can read the
/// dashboard's telemetry can read the console; a missing or wrong key gets a bare 401. Open with AllowAnonymous.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<LabConsoleOptions> options) : IEndpointFilter
{
    public const string HeaderName = "x-api-key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var o = options.Value;
        if (!o.AllowAnonymous && !Secrets.Matches(context.HttpContext.Request.Headers[HeaderName], o.ApiKey))
        {
            return ValueTask.FromResult<object?>(Results.StatusCode(StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}
