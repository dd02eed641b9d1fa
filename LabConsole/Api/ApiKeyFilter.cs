using TracingLab.Dashboard.Hosting;

namespace TracingLab.Dashboard.Api;

/// <summary>x-api-key for the telemetry API; a missing or wrong key gets a bare 401. Off with --allow-anonymous.</summary>
internal sealed class ApiKeyFilter(DashboardOptions options) : IEndpointFilter
{
    public const string HeaderName = "x-api-key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!options.AllowAnonymous && !DashboardSecrets.Matches(context.HttpContext.Request.Headers[HeaderName], options.ApiKey))
        {
            return ValueTask.FromResult<object?>(Results.StatusCode(StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }
}
