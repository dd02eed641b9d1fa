using System.Threading.Channels;
using TracingLab.Dashboard.Otlp;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Api;

/// <summary>
/// follow=true: NDJSON, one OTLP JSON object per line. The current matches go first, then new items as they are
/// stored. Each watcher has a bounded channel that drops its oldest items, so a slow reader costs O(1) memory.
/// </summary>
internal static class TelemetryStreams
{
    private const int ChannelCapacity = 1000;

    public static async Task FollowSpansAsync(HttpContext context, TelemetryStore store, SpanQuery query)
    {
        var channel = Channel.CreateBounded<SpanRecord>(new BoundedChannelOptions(ChannelCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnAdded(IReadOnlyList<SpanRecord> spans)
        {
            foreach (var span in spans)
            {
                if ((query.Service is null || span.Resource.ServiceName == query.Service)
                    && (query.TraceId is null || span.TraceId == query.TraceId)
                    && (query.HasError is null || span.IsError == query.HasError))
                {
                    channel.Writer.TryWrite(span);
                }
            }
        }

        store.SpansAdded += OnAdded;
        try
        {
            var seen = new HashSet<(TraceId, ulong)>();
            await StartAsync(context).ConfigureAwait(false);
            foreach (var span in store.QuerySpans(query).Items.Reverse())
            {
                seen.Add((span.TraceId, span.SpanId));
                await WriteLineAsync(context, OtlpJson.Format(OtlpExport.ToTracesRequest([span]))).ConfigureAwait(false);
            }

            await foreach (var span in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                if (!seen.Remove((span.TraceId, span.SpanId)))
                {
                    await WriteLineAsync(context, OtlpJson.Format(OtlpExport.ToTracesRequest([span]))).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
        finally
        {
            store.SpansAdded -= OnAdded;
        }
    }

    public static async Task FollowLogsAsync(HttpContext context, TelemetryStore store, LogQuery query)
    {
        var channel = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(ChannelCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
        var filter = query with { Limit = 1 };
        void OnAdded(IReadOnlyList<LogEntry> logs)
        {
            foreach (var log in logs)
            {
                if ((filter.Service is null || log.Resource.ServiceName == filter.Service)
                    && (filter.TraceId is null || log.TraceId == filter.TraceId)
                    && (filter.MinSeverity is null || log.SeverityNumber >= filter.MinSeverity)
                    && (string.IsNullOrWhiteSpace(filter.Text) || log.Body.Contains(filter.Text, StringComparison.OrdinalIgnoreCase)))
                {
                    channel.Writer.TryWrite(log);
                }
            }
        }

        store.LogsAdded += OnAdded;
        try
        {
            var seen = new HashSet<LogEntry>(ReferenceEqualityComparer.Instance);
            await StartAsync(context).ConfigureAwait(false);
            foreach (var log in store.QueryLogs(query).Items.Reverse())
            {
                seen.Add(log);
                await WriteLineAsync(context, OtlpJson.Format(OtlpExport.ToLogsRequest([log]))).ConfigureAwait(false);
            }

            await foreach (var log in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                if (!seen.Remove(log))
                {
                    await WriteLineAsync(context, OtlpJson.Format(OtlpExport.ToLogsRequest([log]))).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
        finally
        {
            store.LogsAdded -= OnAdded;
        }
    }

    private static async Task StartAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteLineAsync(HttpContext context, string json)
    {
        await context.Response.WriteAsync(json + "\n", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
