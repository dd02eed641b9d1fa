using Microsoft.AspNetCore.Connections.Features;

namespace TracingLab.Dashboard.Hosting;

/// <summary>
/// Keeps each endpoint on its own port: OTLP gRPC only on the gRPC listener, OTLP/HTTP only on the HTTP listener,
/// UI and API only on the UI listener. Ports can be ephemeral, so host-based routing (RequireHost) cannot know them
/// when endpoints are mapped; instead every connection is tagged by its listener and checked after routing.
/// </summary>
internal static class ListenerGate
{
    private const string ItemKey = "tracinglab.listener";

    /// <summary>Connection middleware: remembers the listener on the connection's items.</summary>
    public static void Tag(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, ListenerKind kind) =>
        listen.Use(next => connection =>
        {
            connection.Items[ItemKey] = kind;
            return next(connection);
        });

    public static ListenerKind KindOf(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var kind) == true
            ? (ListenerKind)kind!
            : ListenerKind.Ui;

    /// <summary>Request middleware, after UseRouting: a matched endpoint on the wrong listener is a 404.</summary>
    public static IApplicationBuilder UseListenerGate(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var expected = context.GetEndpoint()?.Metadata.GetMetadata<ListenerMetadata>()?.Kind ?? ListenerKind.Ui;
            if (context.GetEndpoint() is not null && expected != KindOf(context))
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (context.GetEndpoint() is null && KindOf(context) != ListenerKind.Ui)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
}
