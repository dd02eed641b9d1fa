namespace TracingLab.LabConsole.Api;

/// <summary>Reads a request body that may hold at most a given number of bytes; a larger one is a 413 problem.</summary>
internal static class LimitedBody
{
    /// <summary>The body, or the 413 answer (titled <paramref name="title"/>) when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, IResult? TooLarge)> ReadAsync(HttpRequest request, int maxBytes, string title)
    {
        if (request.ContentLength > maxBytes)
        {
            return (default, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: title,
                detail: $"the body is {request.ContentLength} bytes; at most {maxBytes} are accepted"));
        }

        // A chunked body declares no length: it is read, then measured.
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > maxBytes)
        {
            return (default, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: title,
                detail: $"the body has more than {maxBytes} bytes"));
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }
}
