using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TracingLab.Contracts.Text;

namespace TracingLab.ServiceDefaults;

/// <summary>
/// Turns a request that could not be bound (malformed JSON, a string where a number belongs) into a 400 problem that
/// says what was wrong and where — the JSON path and what was expected — instead of a bare "Bad Request".
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // The framework's message quotes the bad value whole; a 5,000-character value must not come back whole.
        var detail = Quoted.Bare(bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = bad.StatusCode, Title = "Malformed request", Detail = detail },
        });
    }
}
