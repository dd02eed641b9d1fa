using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Observability;

/// <summary>
/// The golden-signals dashboard: traffic, errors, latency and saturation per service, then one row per link with
/// each provider's link NLB and the callers' client-side latency over that link (EMF metrics, by per-link host name).
/// </summary>
public static class LabDashboard
{
    public const string DashboardName = "TracingLab";

    public static Dashboard Build(Construct scope, string id, LabObservabilityProps props, IMetric errorRate, IMetric p99)
    {
        ArgumentNullException.ThrowIfNull(props);
        var dashboard = new Dashboard(scope, id, new DashboardProps { DashboardName = DashboardName, DefaultInterval = Duration.Hours(3) });
        var alb = props.ServiceA.LoadBalancer.Metrics;
        var minute = Duration.Minutes(1);

        dashboard.AddWidgets(new TextWidget(new TextWidgetProps { Markdown = "## Service A — ECS Fargate, entry ALB", Width = 24, Height = 1 }));
        dashboard.AddWidgets(
            Graph("A traffic (requests)", [alb.RequestCount(new MetricOptions { Period = minute, Statistic = "Sum" })]),
            Graph("A errors (5xx %)", [errorRate]),
            Graph("A latency (s)", [alb.TargetResponseTime(new MetricOptions { Period = minute, Statistic = "p50" }), p99]),
            Graph("A saturation (%)", [props.ServiceA.Service.MetricCpuUtilization(), props.ServiceA.Service.MetricMemoryUtilization()]));

        dashboard.AddWidgets(new TextWidget(new TextWidgetProps { Markdown = "## Services B (EKS) and C (EC2) — server side (ADOT EMF)", Width = 24, Height = 1 }));
        dashboard.AddWidgets(
            Graph("B, C traffic (requests)", Providers(s => ServerDuration(s, "SampleCount"))),
            Graph("B, C latency (avg s)", Providers(s => ServerDuration(s, "Average"))),
            Graph("ERROR / FATAL log lines", LabTopology.All.SelectMany(s => new IMetric[]
            {
                LabObservability.LevelMetric(s, "Errors"), LabObservability.LevelMetric(s, "Fatal"),
            }).ToArray()),
            Graph("C saturation (CPU %)", [new Metric(new MetricProps
            {
                Namespace = "AWS/EC2",
                MetricName = "CPUUtilization",
                DimensionsMap = new Dictionary<string, string> { ["AutoScalingGroupName"] = props.ServiceC.Group.AutoScalingGroupName },
                Statistic = "Average",
                Period = minute,
            })]));

        foreach (var link in props.Links)
        {
            dashboard.AddWidgets(new TextWidget(new TextWidgetProps { Markdown = $"## Link: {link.Name()}", Width = 24, Height = 1 }));
            if (!link.HasProviderNlb())
            {
                // Lattice has no NLB of its own; its requests are in the access logs and the callers' latency below.
                dashboard.AddWidgets(Graph($"{link.Name()} client latency (avg s)", LabTopology.Edges.Select(e => ClientDuration(e, link)).ToArray()));
                continue;
            }

            var nlbs = LabTopology.Providers.Select(p => (Provider: p, Ingress: props.Ingresses[(p, link)])).ToList();
            dashboard.AddWidgets(
                Graph($"{link.Name()} traffic (NLB bytes)", nlbs.Select(n => (IMetric)n.Ingress.LoadBalancer.Metrics.ProcessedBytes(
                    new MetricOptions { Period = minute, Label = n.Provider.Name() })).ToArray()),
                Graph($"{link.Name()} flows", nlbs.Select(n => (IMetric)n.Ingress.LoadBalancer.Metrics.ActiveFlowCount(
                    new MetricOptions { Period = minute, Label = n.Provider.Name() })).ToArray()),
                Graph($"{link.Name()} errors (resets, unhealthy)", nlbs.SelectMany(n => new IMetric[]
                {
                    n.Ingress.LoadBalancer.Metrics.TcpTargetResetCount(new MetricOptions { Period = minute, Label = $"{n.Provider.Name()} target resets" }),
                    n.Ingress.TargetGroup.Metrics.UnHealthyHostCount(new MetricOptions { Period = minute, Label = $"{n.Provider.Name()} unhealthy" }),
                }).ToArray()),
                Graph($"{link.Name()} client latency (avg s)", LabTopology.Edges.Select(e => ClientDuration(e, link)).ToArray()));
        }

        return dashboard;
    }

    private static IMetric[] Providers(Func<LabService, IMetric> metric) => LabTopology.Providers.Select(metric).ToArray();

    private static GraphWidget Graph(string title, IMetric[] metrics) =>
        new(new GraphWidgetProps { Title = title, Left = metrics, Width = 6, Height = 6 });

    private static Metric ServerDuration(LabService service, string statistic) => new(new MetricProps
    {
        Namespace = CollectorConfig.MetricsNamespace,
        MetricName = "http.server.request.duration",
        DimensionsMap = new Dictionary<string, string> { ["service.name"] = service.Name() },
        Statistic = statistic,
        Period = Duration.Minutes(1),
        Label = service.Name(),
    });

    private static Metric ClientDuration(Edge edge, LinkKind link) => new(new MetricProps
    {
        Namespace = CollectorConfig.MetricsNamespace,
        MetricName = "http.client.request.duration",
        DimensionsMap = new Dictionary<string, string>
        {
            ["service.name"] = edge.Consumer.Name(),
            ["server.address"] = LabTopology.HostName(edge.Provider, link),
        },
        Statistic = "Average",
        Period = Duration.Minutes(1),
        Label = $"{edge.Consumer.Name()} → {edge.Provider.Name()}",
    });
}
