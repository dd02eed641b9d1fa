using TracingLab.AspireTelemetry;

namespace TracingLab.LabConsole.Api;

/// <summary>The Aspire dashboard or the links feed failing is a 503 (nothing answered) or 502 (a bad answer) problem naming the URL, never a crash.</summary>
internal sealed class UpstreamProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (UpstreamException ex)
        {
            return Results.Problem(statusCode: ex.Status,
                title: ex.Status == StatusCodes.Status503ServiceUnavailable ? "Upstream unreachable" : "Upstream failed", detail: ex.Message);
        }
    }
}
