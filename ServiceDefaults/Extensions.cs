using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every TracingLab service shares: OpenTelemetry with X-Ray compatible ids and propagation, health endpoints,
/// service discovery and resilience. Lives in this namespace, like Aspire's ServiceDefaults, so services need no using.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness: every health check passes.</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: only checks tagged <c>live</c>.</summary>
    public const string AlivePath = "/alive";

    /// <summary>The log category of the resilience pipelines' telemetry (Polly).</summary>
    public const string ResilienceLogCategory = "Polly";

    /// <summary>Every TracingLab ActivitySource and Meter starts with this.</summary>
    public const string TelemetryPrefix = "TracingLab.";

    /// <summary>
    /// Instruments of ASP.NET Core and HttpClient recorded on every request that nothing of the lab reads: each is one
    /// or two more measurements per span. The request durations (<c>http.server.request.duration</c>,
    /// <c>http.client.request.duration</c>), which the AWS collector and dashboard read, stay.
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedInstruments =
        ["http.server.active_requests", "http.client.active_requests", "http.client.request.time_in_queue", "aspnetcore.routing.match_attempts"];

    /// <summary>The names of the HttpClients the OTLP exporter asks IHttpClientFactory for, one per signal.</summary>
    public static readonly IReadOnlyList<string> OtlpExporterClients = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    /// <summary>Adds the lab's defaults to a service.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Problems name the trace in the form X-Ray shows, so a user can paste it into the console or the dashboard.
            if (Activity.Current is { } activity)
            {
                context.ProblemDetails.Extensions["traceId"] = XRayTraceId.From(activity.TraceId).ToXRay();
            }
        });
        builder.Services.AddExceptionHandler<TracingLab.ServiceDefaults.BadRequestExceptionHandler>();
        // Binding failures reach the exception handler (and so become a problem that names the field) in every environment.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<LabLinkResolver>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // The defaults reach the OTLP exporters' own clients too (over http/protobuf they come from IHttpClientFactory
        // by these names: IOtlpExporterOptions.HttpClientFactory in opentelemetry-dotnet). A retry pipeline around an
        // export outlives the exporter's timeout budget and a broken circuit drops batches the collector would take;
        // the exporter has its own retry (OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY) bounded by OTEL_EXPORTER_OTLP_TIMEOUT.
        // RemoveAllResilienceHandlers is marked for evaluation (EXTEXP0001); it is the package's one way to take a
        // handler added by ConfigureHttpClientDefaults back off a named client, and the version is pinned.
#pragma warning disable EXTEXP0001
        foreach (var client in OtlpExporterClients)
        {
            builder.Services.AddHttpClient(client).RemoveAllResilienceHandlers();
        }
#pragma warning restore EXTEXP0001

        return builder;
    }

    /// <summary>Traces, metrics and logs through OpenTelemetry; OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetValue("Lab:XRayTraceIds", defaultValue: true))
        {
            Activity.TraceIdGenerator = XRayTraceIdGenerator.NewId;
        }

        // ASP.NET Core took its propagator from DistributedContextPropagator.Current when the builder was made; both the
        // global and the registered one must be the lab's, or a Root-only X-Amzn-Trace-Id starts a new trace.
        LabContextPropagator.Install();
        builder.Services.AddSingleton(DistributedContextPropagator.Current);
        Sdk.SetDefaultTextMapPropagator(new CompositeTextMapPropagator(
            [new TraceContextPropagator(), new BaggagePropagator(), new XRayPropagator()]));

        // The resilience handler logs every successful attempt of every call at Information ("Execution attempt"):
        // one log record per hop, exported and stored, on the hot path of every request. Retries, timeouts and broken
        // circuits are logged at Warning and above and stay. Logging:LogLevel:Polly in configuration overrides this.
        if (builder.Configuration[$"Logging:LogLevel:{ResilienceLogCategory}"] is null)
        {
            builder.Logging.AddFilter(ResilienceLogCategory, LogLevel.Warning);
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddLabAttributes(builder.Configuration, builder.Environment))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*")
                .AddView(instrument => DroppedInstruments.Contains(instrument.Name) ? MetricStreamConfiguration.Drop : null))
            .WithTracing(tracing => tracing
                .AddSource(TelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Health probes run every few seconds from the AppHost, ECS, EKS and the NLBs; tracing them
                    // would bury the lab's traces and bill X-Ray for noise.
                    o.Filter = context => !IsHealthProbe(context.Request.Path);
                    o.EnrichWithHttpRequest = (activity, _) => TagLink(activity, Baggage.GetBaggage(LabAttributes.Link));
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = EnrichClientSpan));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>A liveness check tagged <c>live</c>; services add their own readiness checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (ready) and <c>/alive</c> (live). Both are outside tracing.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }

    internal static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(AlivePath, StringComparison.OrdinalIgnoreCase);

    private static void EnrichClientSpan(Activity activity, HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(LabRequestOptions.Link, out var link))
        {
            TagLink(activity, link);
        }

        if (request.Options.TryGetValue(LabRequestOptions.PeerService, out var peer))
        {
            activity.SetTag("peer.service", peer);
        }

        if (request.Options.TryGetValue(LabRequestOptions.Hop, out var hop))
        {
            activity.SetTag(LabAttributes.Hop, hop);
        }
    }

    private static void TagLink(Activity activity, string? link)
    {
        if (!string.IsNullOrEmpty(link))
        {
            activity.SetTag(LabAttributes.Link, link);
        }
    }
}
