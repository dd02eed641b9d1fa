using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TracingLab.Dashboard.Tests.Support;

/// <summary>
/// Three fake lab services (servicea on ECS, serviceb on EKS, servicec on EC2), each with its own OpenTelemetry SDK
/// providers exporting to the dashboard, producing the trace of one /lab/hops call: A→B (peering), B→C (peering),
/// A→C (tgw), with logs inside the spans and a request-duration histogram per service.
/// </summary>
public static class LabTraffic
{
    public static readonly string[] Services = ["servicea", "serviceb", "servicec"];

    public static async Task<ActivityTraceId> SendHopsTraceAsync(Uri endpoint, OtlpExportProtocol protocol = OtlpExportProtocol.Grpc, string? otlpKey = null)
    {
        var a = new FakeService("servicea", "aws_ecs", endpoint, protocol, otlpKey);
        var b = new FakeService("serviceb", "aws_eks", endpoint, protocol, otlpKey);
        var c = new FakeService("servicec", "aws_ec2", endpoint, protocol, otlpKey);
        ActivityTraceId traceId;
        try
        {
            using (var root = a.Server("GET /lab/hops", default, "/lab/hops", null))
            {
                traceId = root!.TraceId;
                a.Log("Probing hops over {Link}", "peering");
                using (var ab = a.Client("POST", root.Context, "peering", "servicea->serviceb"))
                {
                    await Task.Delay(3);
                    using (var bServer = b.Server("POST /analysis/orders", ab!.Context, "/analysis/orders", "peering"))
                    {
                        b.Log("Scoring order {OrderId}", "o-42");
                        using (var bc = b.Client("GET", bServer!.Context, "peering", "serviceb->servicec"))
                        {
                            using var cServer = c.Server("GET /inventory/{sku}", bc!.Context, "/inventory/sku-1", "peering");
                            c.Log("Inventory read for {Sku}", "sku-1");
                            await Task.Delay(2);
                        }
                    }
                }

                using (var ac = a.Client("POST", root.Context, "tgw", "servicea->servicec"))
                {
                    using var cServer = c.Server("POST /inventory/{sku}/reservations", ac!.Context, "/inventory/sku-1/reservations", "tgw");
                    await Task.Delay(2);
                }
            }
        }
        finally
        {
            a.Dispose();
            b.Dispose();
            c.Dispose();
        }

        return traceId;
    }

    private sealed class FakeService : IDisposable
    {
        private readonly string _name;
        private readonly ActivitySource _source;
        private readonly Meter _meter;
        private readonly Histogram<double> _duration;
        private readonly TracerProvider _tracer;
        private readonly MeterProvider _meterProvider;
        private readonly ILoggerFactory _loggerFactory;
        private readonly ILogger _logger;

        public FakeService(string name, string platform, Uri endpoint, OtlpExportProtocol protocol, string? otlpKey)
        {
            _name = name;
            // Unique names: providers listen by name, and tests running in parallel must not see each other's spans.
            var unique = $"lab.{name}.{Guid.NewGuid():N}";
            _source = new ActivitySource(unique);
            _meter = new Meter(unique);
            // The bucket advice ASP.NET Core gives this instrument, so latency percentiles resolve to milliseconds.
            _duration = _meter.CreateHistogram("http.server.request.duration", "s", "Duration of HTTP server requests.", tags: null,
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1] });
            var resource = ResourceBuilder.CreateEmpty().AddService(name, serviceInstanceId: name[^1] + "-instance1").AddAttributes(
            [
                new("cloud.provider", "aws"),
                new("cloud.platform", platform),
                new("deployment.environment", "local"),
            ]);
            void Exporter(OtlpExporterOptions o)
            {
                o.Endpoint = endpoint;
                o.Protocol = protocol;
                o.ExportProcessorType = ExportProcessorType.Simple;
                if (otlpKey is not null)
                {
                    o.Headers = "x-otlp-api-key=" + otlpKey;
                }
            }

            _tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(_source.Name)
                .AddOtlpExporter(o => { Exporter(o); if (protocol != OtlpExportProtocol.Grpc) { o.Endpoint = new Uri(endpoint, "/v1/traces"); } })
                .Build();
            _meterProvider = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(_meter.Name)
                .AddOtlpExporter(o => { Exporter(o); if (protocol != OtlpExportProtocol.Grpc) { o.Endpoint = new Uri(endpoint, "/v1/metrics"); } })
                .Build();
            _loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(resource);
                o.IncludeFormattedMessage = true;
                o.AddOtlpExporter(e => { Exporter(e); if (protocol != OtlpExportProtocol.Grpc) { e.Endpoint = new Uri(endpoint, "/v1/logs"); } });
            }));
            _logger = _loggerFactory.CreateLogger(name);
        }

        public Activity? Server(string name, ActivityContext parent, string path, string? link)
        {
            var activity = _source.StartActivity(name, ActivityKind.Server, parent);
            activity?.SetTag("http.request.method", name.Split(' ')[0]);
            activity?.SetTag("url.path", path);
            activity?.SetTag("http.route", name.Split(' ')[1]);
            activity?.SetTag("http.response.status_code", 200);
            if (link is not null)
            {
                activity?.SetTag("lab.link", link);
            }

            _duration.Record(0.004 + (Random.Shared.NextDouble() / 100), new KeyValuePair<string, object?>("http.route", name.Split(' ')[1]));
            return activity;
        }

        public Activity? Client(string method, ActivityContext parent, string link, string hop)
        {
            var activity = _source.StartActivity(method, ActivityKind.Client, parent);
            activity?.SetTag("http.request.method", method);
            activity?.SetTag("lab.link", link);
            activity?.SetTag("lab.hop", hop);
            activity?.SetTag("server.address", "_" + link + "." + hop.Split("->")[1]);
            return activity;
        }

        public void Log(string message, string arg)
        {
#pragma warning disable CA2254, CA1873 // test helper passes message templates through
            _logger.LogInformation(message, arg);
#pragma warning restore CA2254, CA1873
        }

        public void Dispose()
        {
            _tracer.Dispose();
            _meterProvider.Dispose();
            _loggerFactory.Dispose();
            _source.Dispose();
            _meter.Dispose();
            _ = _name;
        }
    }
}
